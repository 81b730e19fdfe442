// The WebSocket load's numbers (the websockets story, seed 000): N clients each send M messages and
// wait for every echo. This tally is what the server's clients report into; the run the stream
// carries is its snapshot. Pure, so the aggregation is tested without sockets.
import { loadPoint, percentile } from './load-stats';
import type { TrafficErrorKind, WsCloseKey, WsLoadCounts, WsPodTally, WsPoint } from './traffic';

/** The close codes shown apart (RFC 6455 §7.4.1); every other code is "other". */
export const WS_CLOSE_KEYS: readonly WsCloseKey[] = ['1000', '1001', '1006', 'other'];

export const WS_CLOSE_TEXT: Record<WsCloseKey, string> = {
  '1000': 'normal',
  '1001': 'going away',
  '1006': 'abnormal (no close frame)',
  other: 'other codes',
};

export function closeKey(code: number): WsCloseKey {
  return code === 1000 || code === 1001 || code === 1006 ? (String(code) as WsCloseKey) : 'other';
}

/** The pod a connection reached, when the app did not say (no X-Pod-Name on its handshake). */
export const UNKNOWN_POD = '(unknown pod)';
/** Pods tallied one by one; the rest share one row, so a huge Deployment cannot grow the run. */
export const WS_MAX_POD_ROWS = 200;
const OTHER_PODS = '(other pods)';

const emptyCloses = (): Record<WsCloseKey, number> => ({ '1000': 0, '1001': 0, '1006': 0, other: 0 });

export interface WsTally {
  counts: WsLoadCounts;
  pods: Map<string, WsPodTally>;
  /** every round trip of the run, ms (≤ clients × messages) */
  rtts: number[];
  /** the current second's round trips, for its chart point */
  second: { t: number; rtts: number[]; failures: number };
}

export function newWsTally(startedAt: number): WsTally {
  return {
    counts: {
      connecting: 0,
      open: 0,
      connected: 0,
      failed: 0,
      failures: {},
      sent: 0,
      echoed: 0,
      closes: emptyCloses(),
      closedByApp: 0,
      firstOpenAt: null,
      lastEndAt: null,
    },
    pods: new Map(),
    rtts: [],
    second: { t: startedAt, rtts: [], failures: 0 },
  };
}

function podRow(t: WsTally, pod: string | null): WsPodTally {
  let name = pod ?? UNKNOWN_POD;
  if (!t.pods.has(name) && t.pods.size >= WS_MAX_POD_ROWS) name = OTHER_PODS;
  let row = t.pods.get(name);
  if (!row) t.pods.set(name, (row = { pod: name, open: 0, opened: 0, echoed: 0, closes: emptyCloses() }));
  return row;
}

export function wsConnecting(t: WsTally): void {
  t.counts.connecting++;
}

/** A handshake succeeded; `pod` is who answered it. */
export function wsOpened(t: WsTally, pod: string | null, now: number): void {
  const c = t.counts;
  c.connecting--;
  c.open++;
  c.connected++;
  c.firstOpenAt ??= now;
  const row = podRow(t, pod);
  row.open++;
  row.opened++;
}

/** A handshake failed: no connection was made (refused, not upgraded, no endpoint, timeout). */
export function wsFailed(t: WsTally, kind: TrafficErrorKind, now: number): void {
  const c = t.counts;
  c.connecting--;
  c.failed++;
  c.failures[kind] = (c.failures[kind] ?? 0) + 1;
  c.lastEndAt = now;
  t.second.failures++;
}

/** A handshake cut by the run's end (stop or deadline) before it finished: neither a success nor a failure. */
export function wsAbandoned(t: WsTally): void {
  t.counts.connecting--;
}

export function wsSent(t: WsTally): void {
  t.counts.sent++;
}

export function wsEchoed(t: WsTally, pod: string | null, rttMs: number): void {
  t.counts.echoed++;
  podRow(t, pod).echoed++;
  t.rtts.push(rttMs);
  t.second.rtts.push(rttMs);
}

/** An open connection ended with `code`; `byApp`: the app sent its close frame first. */
export function wsClosed(t: WsTally, pod: string | null, code: number, byApp: boolean, now: number): void {
  const c = t.counts;
  const key = closeKey(code);
  c.open--;
  c.closes[key]++;
  if (byApp) c.closedByApp++;
  c.lastEndAt = now;
  const row = podRow(t, pod);
  row.open--;
  row.closes[key]++;
}

/** Closes the current second: its chart point (echoes, round trips, failed handshakes, open now). */
export function wsSecond(t: WsTally, secondMs = 1_000): WsPoint {
  const s = t.second;
  // as a load point: the echoes are the answers, a failed handshake the error
  const echoes = loadPoint(s.t, s.rtts, 0);
  const point = { ...echoes, requests: s.rtts.length + s.failures, errors: s.failures, open: t.counts.open };
  t.second = { t: s.t + secondMs, rtts: [], failures: 0 };
  return point;
}

/** Round-trip percentiles over the whole run, ms (one decimal). */
export function wsRtt(t: WsTally): {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
} {
  const sorted = [...t.rtts].sort((a, b) => a - b);
  const at = (q: number) => {
    const v = percentile(sorted, q);
    return v === null ? null : Math.round(v * 10) / 10;
  };
  return { count: sorted.length, p50: at(50), p95: at(95), p99: at(99) };
}

/** The pods by name, the unknown and overflow rows last. */
export function wsPods(t: WsTally): WsPodTally[] {
  const rank = (p: WsPodTally) => (p.pod.startsWith('(') ? 1 : 0);
  return [...t.pods.values()]
    .map((p) => ({ ...p, closes: { ...p.closes } }))
    .sort((a, b) => rank(a) - rank(b) || a.pod.localeCompare(b.pod));
}

/**
 * The shortest a run can take if the Service spread the clients perfectly over `readyPods` pods whose
 * app spends `delayMs` on each message, one at a time (the story: 500 clients ÷ 10 pods × 6 messages
 * × 100 ms = 30 s). A single client cannot be faster than its own messages and pauses, so that is a
 * floor too. Null when the delay or the pods are unknown.
 */
export function idealRunMs(p: {
  clients: number;
  messages: number;
  readyPods: number;
  delayMs: number | null;
  pauseMs: number;
}): number | null {
  if (p.delayMs === null || p.readyPods <= 0) return null;
  const perPod = Math.ceil(p.clients / p.readyPods) * p.messages * p.delayMs;
  const oneClient = p.messages * p.delayMs + (p.messages - 1) * p.pauseMs;
  return Math.max(perPod, oneClient);
}

/**
 * How long a finished client waits for the pod's close frame: the pod answers it only after echoing
 * what its other clients queued, and the endpoint is picked at random, so in the worst case every
 * client shares one pod. 2 s more for the network; never past 30 s.
 */
export function closeGraceMs(clients: number, delayMs: number | null): number {
  return Math.min(30_000, 2_000 + clients * (delayMs ?? 0));
}

/** How evenly the connections spread: the busiest pod's share against a perfect spread (1 = even). */
export function spreadRatio(pods: readonly WsPodTally[], readyPods: number): number | null {
  const known = pods.filter((p) => !p.pod.startsWith('('));
  const total = known.reduce((n, p) => n + p.opened, 0);
  if (total === 0 || readyPods <= 0) return null;
  const most = Math.max(...known.map((p) => p.opened));
  return most / (total / readyPods);
}

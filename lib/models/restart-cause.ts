// Why a container last restarted, from the kubelet's own evidence. lastState.terminated alone
// misleads: a container the kubelet killed after a failed liveness probe, whose app then shuts
// down gracefully on SIGTERM, reads "Completed, exit 0", as if the app had exited by itself. The
// kubelet says what it did in the pod's events (kuberuntime_manager.go):
//   Killing    "Container app failed liveness probe, will be restarted"   (or startup probe)
//   Unhealthy  "Liveness probe failed: HTTP probe failed with statuscode: 500"
// matched to the termination by container (involvedObject.fieldPath) and by time (the kill falls
// within the container's life, startedAt..finishedAt). Without such an event the exit speaks:
// OOMKilled, the app's own exit code or signal, or a kill from outside the app.
import { toEpochMs } from './meta';
import type { EventRow, PodRow, TerminationSummary } from './types';

export type RestartCauseKind =
  'liveness' | 'startup' | 'oom' | 'kubelet' | 'killed' | 'exit' | 'completed' | 'start-error';

export interface RestartCause {
  kind: RestartCauseKind;
  /** a few words for a table cell: "Liveness probe failed" */
  label: string;
  /** the evidence: the probe's answer ("timed out after 3s", "HTTP 500"), or null */
  detail: string | null;
  /** how the process ended: "exit 0", "exit 137 (SIGKILL)" */
  exit: string | null;
  container: string;
  finishedAt: string | null;
  /** whether the app is to blame (false for a probe kill, an outside kill, or a clean exit) */
  appFault: boolean;
}

/** Event times have one-second precision and the kubelet writes them a moment after acting. */
const SLACK_MS = 2_000;

const SIGNALS: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  3: 'SIGQUIT',
  4: 'SIGILL',
  6: 'SIGABRT',
  7: 'SIGBUS',
  8: 'SIGFPE',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  13: 'SIGPIPE',
  15: 'SIGTERM',
};
/** signals another process sends to stop the app; the others (SIGSEGV, SIGABRT...) are its own doing */
const OUTSIDE_SIGNALS = new Set([1, 2, 9, 15]);
/** what the runtime sends when the kubelet stops a container: SIGTERM, then SIGKILL after the grace period */
const STOP_SIGNALS = new Set([9, 15]);

function signalOf(t: TerminationSummary): number | null {
  if (t.signal) return t.signal;
  return t.exitCode !== null && t.exitCode > 128 && t.exitCode < 160 ? t.exitCode - 128 : null;
}

function exitText(t: TerminationSummary): string | null {
  const sig = signalOf(t);
  const name = sig === null ? null : (SIGNALS[sig] ?? `signal ${sig}`);
  if (t.exitCode === null) return name;
  return name ? `exit ${t.exitCode} (${name})` : `exit ${t.exitCode}`;
}

/** "Liveness probe failed: <output>" → the part a person needs: timed out / HTTP 500 / connection refused. */
export function probeFailureSummary(message: string): string {
  const output = message.replace(/^\s*\w+ probe (failed|errored):\s*/i, '').trim();
  const after = /timed out after (\d+(?:\.\d+)?m?s)/i.exec(output);
  if (after) return `timed out after ${after[1]}`;
  if (/timed out|deadline exceeded|timeout/i.test(output)) return 'timed out';
  const status = /statuscode:\s*(\d{3})/i.exec(output);
  if (status) return `HTTP ${status[1]}`;
  if (/connection refused/i.test(output)) return 'connection refused';
  if (/connection reset/i.test(output)) return 'connection reset';
  if (output === '') return 'the command failed';
  return output.length > 80 ? `${output.slice(0, 79)}…` : output;
}

/** The Killing and Unhealthy events of each pod: a small index, built once per event list. */
type Evidence = Map<string, EventRow[]>;
const evidenceCache = new WeakMap<readonly EventRow[], Evidence>();

function evidenceOf(events: readonly EventRow[]): Evidence {
  let index = evidenceCache.get(events);
  if (index) return index;
  index = new Map();
  for (const e of events) {
    if (e.involved.kind !== 'Pod' || (e.reason !== 'Killing' && e.reason !== 'Unhealthy')) continue;
    const list = index.get(e.involved.name);
    if (list) list.push(e);
    else index.set(e.involved.name, [e]);
  }
  evidenceCache.set(events, index);
  return index;
}

interface Life {
  start: number;
  end: number;
}

/** An event about this container instance: same pod uid, same container, within its life. */
function aboutThisLife(e: EventRow, uid: string, container: string, life: Life, point: boolean): boolean {
  if (e.involved.uid && uid && e.involved.uid !== uid) return false;
  // no fieldPath (e.g. a simulator's event about the whole pod) is taken as about every container
  if (e.involved.fieldPath && e.involved.fieldPath !== `spec.containers{${container}}`) return false;
  const first = toEpochMs(e.firstSeen) ?? toEpochMs(e.createdAt);
  const last = toEpochMs(e.lastSeen) ?? first;
  if (first === null || last === null) return false;
  const within = (t: number) => t >= life.start - SLACK_MS && t <= life.end + SLACK_MS;
  if (within(first) || within(last)) return true;
  // An aggregated event keeps only its first and last times; with 3 or more occurrences spanning
  // this life, one fell inside it (the next container is being killed while this one is lastState).
  // A probe failure (point=false) only needs to overlap: it repeats each period until the kill.
  const spans = first < life.start && last > life.end;
  return spans && (!point || e.count >= 3);
}

function lifeOf(t: TerminationSummary): Life | null {
  const end = toEpochMs(t.finishedAt);
  if (end === null) return null;
  // without startedAt, a window as long as a generous grace period before the end
  return { start: toEpochMs(t.startedAt) ?? end - 120_000, end };
}

const KILL = /failed (liveness|startup) probe/i;

/** When the kubelet killed this life: the kill event's last time if it falls in the life, else its first. */
function killTime(kill: EventRow, life: Life): number | null {
  const last = toEpochMs(kill.lastSeen);
  if (last !== null && last >= life.start - SLACK_MS && last <= life.end + SLACK_MS) return last;
  return toEpochMs(kill.firstSeen) ?? last;
}

/**
 * How surely a probe failure led to the kill at `killAt`: 2 it ended by then, 1 it began by then, 0
 * it came after. The kubelet may probe once more while the container drains (a graceful server no
 * longer listens: "connection refused" a second after a kill for "timed out"); that is not the cause.
 */
function beforeKill(e: EventRow, killAt: number | null): number {
  if (killAt === null) return 0;
  const last = toEpochMs(e.lastSeen);
  if (last !== null && last <= killAt) return 2;
  const first = toEpochMs(e.firstSeen) ?? last;
  return first !== null && first <= killAt ? 1 : 0;
}

/** The latest failure first; on the same second the one that repeated more (the kill's threshold). */
function latestFirst(a: EventRow, b: EventRow): number {
  return (toEpochMs(b.lastSeen) ?? 0) - (toEpochMs(a.lastSeen) ?? 0) || b.count - a.count;
}

/** The cause of the pod's latest restart (PodRow.lastTermination), or null when it never restarted. */
export function restartCause(
  pod: Pick<PodRow, 'uid' | 'name' | 'lastTermination'>,
  events: readonly EventRow[],
): RestartCause | null {
  const t = pod.lastTermination;
  if (!t) return null;
  const base = { container: t.container, finishedAt: t.finishedAt, exit: exitText(t) };
  const life = lifeOf(t);
  const mine = life ? (evidenceOf(events).get(pod.name) ?? []) : [];
  const about = (e: EventRow, point: boolean) =>
    life !== null && aboutThisLife(e, pod.uid, t.container, life, point);
  const kill = mine.find((e) => e.reason === 'Killing' && about(e, true));
  const killAt = kill && life ? killTime(kill, life) : null;
  const failures = (probe: 'liveness' | 'startup') =>
    mine
      .filter((e) => e.reason === 'Unhealthy' && e.message.toLowerCase().startsWith(`${probe} probe`))
      .filter((e) => about(e, false))
      .sort((a, b) => beforeKill(b, killAt) - beforeKill(a, killAt) || latestFirst(a, b));
  const sig = signalOf(t);
  // The kubelet's Killing event names the probe. Without it (expired after an hour, or a simulator
  // that writes only the probe failure), a stop signal while that probe was failing is its kill.
  let probe = kill ? KILL.exec(kill.message)?.[1]?.toLowerCase() : undefined;
  if (!kill && sig !== null && STOP_SIGNALS.has(sig)) {
    probe =
      failures('liveness').length > 0 ? 'liveness' : failures('startup').length > 0 ? 'startup' : undefined;
  }

  if (t.reason === 'OOMKilled')
    return {
      ...base,
      kind: 'oom',
      label: 'Out of memory (OOMKilled)',
      detail: 'over its memory limit',
      appFault: true,
    };
  if (probe === 'liveness' || probe === 'startup') {
    const failure = failures(probe)[0];
    return {
      ...base,
      kind: probe,
      label: probe === 'liveness' ? 'Liveness probe failed' : 'Startup probe failed',
      detail: failure ? probeFailureSummary(failure.message) : null,
      appFault: false,
    };
  }
  if (kill)
    return {
      ...base,
      kind: 'kubelet',
      label: 'Stopped by the kubelet',
      detail: kill.message,
      appFault: false,
    };
  if (t.reason === 'StartError' || t.reason === 'ContainerCannotRun')
    return { ...base, kind: 'start-error', label: 'Could not start', detail: t.message, appFault: true };
  if (sig !== null && OUTSIDE_SIGNALS.has(sig)) {
    const detail = 'no probe: the runtime or another process';
    return { ...base, kind: 'killed', label: 'Killed from outside the app', detail, appFault: false };
  }
  if (t.exitCode === 0 && sig === null)
    return { ...base, kind: 'completed', label: 'Exited by itself', detail: null, appFault: false };
  return { ...base, kind: 'exit', label: 'The app exited', detail: null, appFault: true };
}

/**
 * One sentence for a tooltip, a tile and a lesson step, so they all say the same:
 * "Liveness probe failed (timed out after 3s); then exit 0, container app".
 */
export function describeRestart(cause: RestartCause): string {
  const what = cause.detail ? `${cause.label} (${cause.detail})` : cause.label;
  // after a kill by the kubelet, the exit is the app's answer to SIGTERM, not the cause
  const then = cause.kind === 'liveness' || cause.kind === 'startup' || cause.kind === 'kubelet';
  const exit = cause.exit ? `${then ? '; then' : ','} ${cause.exit}` : '';
  return `${what}${exit}, container ${cause.container}`;
}

// The browser's copy of the namespace's traffic runs, kept from the stream's traffic channel: one
// run per kind and Service (the latest), series appended from each update and capped.
import { TRAFFIC_LIMITS, type TrafficKind, type TrafficMessage, type TrafficRun } from './traffic';

export type TrafficState = Readonly<Record<string, TrafficRun>>;

export const runKey = (kind: TrafficKind, service: string) => `${kind}/${service}`;

/** Load points kept: a 10 minute run at one point a second. */
const KEEP_POINTS = TRAFFIC_LIMITS.load.durationSecondsMax + 10;

function merge(prev: TrafficRun | undefined, next: TrafficRun): TrafficRun {
  if (!prev || prev.id !== next.id || prev.kind !== next.kind) return next;
  if (next.kind === 'probe' && prev.kind === 'probe') {
    return { ...next, samples: [...prev.samples, ...next.samples].slice(-TRAFFIC_LIMITS.probe.keepSamples) };
  }
  if (next.kind === 'load' && prev.kind === 'load')
    return { ...next, points: appendPoints(prev.points, next.points) };
  if (next.kind === 'ws' && prev.kind === 'ws')
    return { ...next, points: appendPoints(prev.points, next.points) };
  return next;
}

/** A point for a second already drawn replaces it; the series is capped. */
function appendPoints<P extends { t: number }>(prev: readonly P[], next: readonly P[]): P[] {
  const points = [...prev];
  for (const p of next) {
    if (points.length > 0 && points[points.length - 1]?.t === p.t) points[points.length - 1] = p;
    else points.push(p);
  }
  return points.slice(-KEEP_POINTS);
}

export function applyTraffic(state: TrafficState, msg: TrafficMessage): TrafficState {
  if (msg.type === 'snapshot') return Object.fromEntries(msg.runs.map((r) => [runKey(r.kind, r.service), r]));
  const key = runKey(msg.run.kind, msg.run.service);
  return { ...state, [key]: merge(state[key], msg.run) };
}

/** The run of this kind for this Service, typed by kind. */
export function runOf<K extends TrafficKind>(
  state: TrafficState | undefined,
  kind: K,
  service: string,
): Extract<TrafficRun, { kind: K }> | null {
  const run = state?.[runKey(kind, service)];
  return run && run.kind === kind ? (run as Extract<TrafficRun, { kind: K }>) : null;
}

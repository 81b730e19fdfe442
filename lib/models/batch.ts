import type { Change } from './stream';
import type { HistoryPoint, WatchedKind } from './types';

/** Splits one batch of the stream by kind, keeping each kind's order. */
export function groupByKind(changes: Change[]): Map<WatchedKind, Change[]> {
  const out = new Map<WatchedKind, Change[]>();
  for (const c of changes) {
    const list = out.get(c.kind);
    if (list) list.push(c);
    else out.set(c.kind, [c]);
  }
  return out;
}

/** Appends a history sample, keeping at most `max` points (the server keeps the same bound). */
export function appendPoint(points: HistoryPoint[], point: HistoryPoint, max = 720): HistoryPoint[] {
  if (points.length > 0 && points[points.length - 1]!.t >= point.t) return points;
  const next = points.length >= max ? points.slice(points.length - max + 1) : points.slice();
  next.push(point);
  return next;
}

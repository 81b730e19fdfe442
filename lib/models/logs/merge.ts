import type { LogLine } from './line';

// Lines of several containers in one list, in time order (the kubelet's timestamps; a tie keeps
// the lane order, then the lane's own order). Used by the server for a new viewer's first lines and
// by the browser as batches arrive, where a batch nearly always lands at the end.

const before = (a: LogLine, b: LogLine) =>
  a.key < b.key || (a.key === b.key && (a.lane < b.lane || (a.lane === b.lane && a.seq < b.seq)));

export function compareLines(a: LogLine, b: LogLine): number {
  return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

/** Every lane's lines, merged in time order. */
export function mergeLanes(lanes: LogLine[][]): LogLine[] {
  return lanes.flat().sort(compareLines);
}

/** First index in sorted `lines` whose line is not before `line`. */
function lowerBound(lines: LogLine[], line: LogLine): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(lines[mid]!, line)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `incoming` merged into the sorted `lines` (a new array), keeping at most `cap` lines: the
 * oldest go first, and `dropped` says how many went.
 */
export function insertLines(
  lines: LogLine[],
  incoming: LogLine[],
  cap: number,
): { lines: LogLine[]; dropped: number } {
  if (incoming.length === 0) return { lines, dropped: 0 };
  const sorted = [...incoming].sort(compareLines);
  const at = lowerBound(lines, sorted[0]!);
  const merged = lines.slice(0, at);
  let i = at;
  let j = 0;
  while (i < lines.length && j < sorted.length)
    merged.push(before(sorted[j]!, lines[i]!) ? sorted[j++]! : lines[i++]!);
  while (i < lines.length) merged.push(lines[i++]!);
  while (j < sorted.length) merged.push(sorted[j++]!);
  const dropped = Math.max(0, merged.length - cap);
  return { lines: dropped ? merged.slice(dropped) : merged, dropped };
}

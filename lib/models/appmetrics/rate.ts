// rate() and increase() of a counter, as Prometheus computes them: the increase between the first
// and the last sample of the window, across counter resets (a value lower than the one before means
// the process restarted and counted again from 0, so the value before the reset is added back),
// then extrapolated to the window's edges, though never past the point where the counter would have
// been 0 and never further than about half a scrape interval beyond the samples.
// https://github.com/prometheus/prometheus/blob/main/promql/functions.go (extrapolatedRate)

/** `[epoch ms, value]`, oldest first. */
export type Point = readonly [number, number];

/**
 * The increase of a counter over [start, end] (ms) from the points inside it; null with fewer than
 * two points. `perSecond` divides by the window's length: rate() instead of increase().
 */
export function extrapolatedIncrease(
  points: readonly Point[],
  start: number,
  end: number,
  perSecond = false,
): number | null {
  if (points.length < 2) return null;
  const first = points[0] as Point;
  const last = points[points.length - 1] as Point;
  let result = last[1] - first[1];
  for (let i = 1; i < points.length; i++) {
    const before = (points[i - 1] as Point)[1];
    if ((points[i] as Point)[1] < before) result += before;
  }
  const sampled = (last[0] - first[0]) / 1000;
  if (sampled <= 0) return null;
  let toStart = (first[0] - start) / 1000;
  const toEnd = (end - last[0]) / 1000;
  const average = sampled / (points.length - 1);
  if (result > 0 && first[1] >= 0) {
    // the counter cannot have been below 0: extrapolate backwards to 0 at the furthest
    const toZero = sampled * (first[1] / result);
    if (toZero < toStart) toStart = toZero;
  }
  const threshold = average * 1.1;
  let interval = sampled;
  interval += toStart < threshold ? toStart : average / 2;
  interval += toEnd < threshold ? toEnd : average / 2;
  let factor = interval / sampled;
  if (perSecond) factor /= (end - start) / 1000;
  return result * factor;
}

/** The points with start < t <= end, as Prometheus selects a range (left-open). */
export function inWindow(points: readonly Point[], start: number, end: number): Point[] {
  return points.filter(([t]) => t > start && t <= end);
}

/** rate() over `windowMs` at each of `steps`; null where the window holds fewer than two points. */
export function rateAt(
  points: readonly Point[],
  steps: readonly number[],
  windowMs: number,
): (number | null)[] {
  return steps.map((t) => extrapolatedIncrease(inWindow(points, t - windowMs, t), t - windowMs, t, true));
}

// The samples of one pod's scrapes, kept in a fixed ring: one shared row of times, one Float64Array
// per series (NaN where a scrape lacked it), at most `maxSeries` series: the memory of a pod is
// bounded by capacity × maxSeries × 8 bytes whatever the app exposes.
import type { Exposition, MetricType, Sample } from './exposition';
import type { Point } from './rate';

export interface RingSeries {
  name: string;
  labels: Record<string, string>;
  values: Float64Array;
}

export interface PodRing {
  capacity: number;
  maxSeries: number;
  times: Float64Array;
  /** next slot to write */
  head: number;
  size: number;
  series: Map<string, RingSeries>;
  types: Record<string, MetricType>;
  /** series seen but not kept (past maxSeries), from the newest scrape */
  dropped: number;
}

export function newRing(capacity: number, maxSeries: number): PodRing {
  return {
    capacity,
    maxSeries,
    times: new Float64Array(capacity),
    head: 0,
    size: 0,
    series: new Map(),
    types: {},
    dropped: 0,
  };
}

export function seriesId(s: Pick<Sample, 'name' | 'labels'>): string {
  const labels = Object.keys(s.labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(s.labels[k])}`);
  return `${s.name}{${labels.join(',')}}`;
}

/** A sample that only counts up: a counter, or a histogram's or summary's _bucket, _count or _sum. */
function countsUp(name: string, types: Record<string, MetricType>): boolean {
  if (types[name] === 'counter') return true;
  const base = /^(.*)_(bucket|count|sum)$/.exec(name)?.[1];
  return base !== undefined && (types[base] === 'histogram' || types[base] === 'summary');
}

/**
 * Adds one scrape taken at `t` (epoch ms). A counting series that was not in the previous scrape of
 * the same ring starts at 0 there: client libraries create a labelled counter at its first
 * increment (the demo app's `http_requests_total{path="/version"}` appears with the first
 * /version request), so a burst between two scrapes would otherwise count from its own end and be
 * lost. (Prometheus' increase() does not do this; its series then start at their first sample.)
 */
export function pushScrape(ring: PodRing, t: number, scrape: Exposition): void {
  const slot = ring.head;
  const previous = ring.size > 0 ? (slot - 1 + ring.capacity) % ring.capacity : null;
  ring.times[slot] = t;
  for (const s of ring.series.values()) s.values[slot] = NaN;
  let dropped = 0;
  for (const sample of scrape.samples) {
    const id = seriesId(sample);
    let s = ring.series.get(id);
    if (!s) {
      if (ring.series.size >= ring.maxSeries) {
        dropped++;
        continue;
      }
      s = { name: sample.name, labels: sample.labels, values: new Float64Array(ring.capacity).fill(NaN) };
      ring.series.set(id, s);
      if (previous !== null && countsUp(sample.name, scrape.types)) s.values[previous] = 0;
    }
    s.values[slot] = sample.value;
  }
  ring.dropped = dropped;
  Object.assign(ring.types, scrape.types);
  ring.head = (slot + 1) % ring.capacity;
  ring.size = Math.min(ring.size + 1, ring.capacity);
}

/** The slots oldest first. */
function slots(ring: PodRing): number[] {
  const start = (ring.head - ring.size + ring.capacity) % ring.capacity;
  return Array.from({ length: ring.size }, (_, i) => (start + i) % ring.capacity);
}

/** One series' points, oldest first, scrapes that lacked it left out. */
export function pointsOf(ring: PodRing, s: RingSeries): Point[] {
  const out: Point[] = [];
  for (const i of slots(ring)) {
    const v = s.values[i] as number;
    if (!Number.isNaN(v)) out.push([ring.times[i] as number, v]);
  }
  return out;
}

/** The time of the newest scrape, or null. */
export function newestTime(ring: PodRing): number | null {
  return ring.size === 0 ? null : (ring.times[(ring.head - 1 + ring.capacity) % ring.capacity] as number);
}

/** Drops series that no scrape in the ring has any more (a label value that went away). */
export function pruneSeries(ring: PodRing): void {
  const live = slots(ring);
  for (const [id, s] of ring.series)
    if (!live.some((i) => !Number.isNaN(s.values[i] as number))) ring.series.delete(id);
}

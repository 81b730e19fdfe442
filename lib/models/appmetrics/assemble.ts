// The rings of a Deployment's pods -> the chart's series per version (AppSeries), and the requests
// each Deployment served over a window (the observed canary split). Rates as rate() over
// RATE_WINDOW_MS, quantiles as histogram_quantile over the buckets' rates summed by le.
import { parseValue } from './exposition';
import { isInfraRequest, isServerError, latencyFamily, requestFamily } from './defaults';
import { histogramQuantile, type Bucket } from './quantile';
import { extrapolatedIncrease, inWindow, rateAt, type Point } from './rate';
import { pointsOf, type PodRing, type RingSeries } from './ring';
import type { AppSeries } from './types';

/** rate() window: six scrapes at 5 s, above Prometheus' advice of four */
export const RATE_WINDOW_MS = 30_000;

export interface PodRingView {
  pod: string;
  version: string;
  deployment: string;
  ring: PodRing;
}

type Kind = 'requests' | 'errors' | 'p50' | 'p95' | 'rate' | 'value' | 'quantile95';

/** What `key` charts for these pods: a default key, or a family by its type. */
function kindOf(key: string, pods: readonly PodRingView[]): { kind: Kind; family: string | null } {
  const types = Object.assign({}, ...pods.map((p) => p.ring.types)) as PodRing['types'];
  if (key === 'requests' || key === 'errors') return { kind: key, family: requestFamily(types) };
  if (key === 'p50' || key === 'p95') return { kind: key, family: latencyFamily(types) };
  const type = types[key];
  if (type === 'counter') return { kind: 'rate', family: key };
  if (type === 'histogram') return { kind: 'quantile95', family: key };
  return { kind: 'value', family: type ? key : null };
}

function seriesOf(ring: PodRing, name: string, keep: (s: RingSeries) => boolean = () => true): RingSeries[] {
  return [...ring.series.values()].filter((s) => s.name === name && keep(s));
}

function add(into: (number | null)[], values: readonly (number | null)[]): void {
  values.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) into[i] = (into[i] ?? 0) + v;
  });
}

/** The last value at or before each step, if no older than two windows' worth of staleness. */
function valueAt(points: readonly Point[], steps: readonly number[], staleMs: number): (number | null)[] {
  return steps.map((t) => {
    const p = inWindow(points, t - staleMs, t).at(-1);
    return p ? p[1] : null;
  });
}

function podValues(view: PodRingView, kind: Kind, family: string, steps: number[]): (number | null)[] {
  const ring = view.ring;
  const out: (number | null)[] = steps.map(() => null);
  if (kind === 'requests' || kind === 'rate' || kind === 'errors') {
    const keep = kind === 'rate' ? undefined : (s: RingSeries) => !isInfraRequest(s.labels);
    for (const s of seriesOf(ring, family, keep)) add(out, rateAt(pointsOf(ring, s), steps, RATE_WINDOW_MS));
    if (kind === 'errors') {
      // 0 where requests were counted and none failed: an app with no 5xx series has no errors
      const failed: (number | null)[] = steps.map(() => null);
      for (const s of seriesOf(ring, family, (r) => isServerError(r.labels) && !isInfraRequest(r.labels)))
        add(failed, rateAt(pointsOf(ring, s), steps, RATE_WINDOW_MS));
      return out.map((requests, i) => (requests === null ? null : (failed[i] ?? 0)));
    }
  } else if (kind === 'value') {
    for (const s of seriesOf(ring, family)) add(out, valueAt(pointsOf(ring, s), steps, RATE_WINDOW_MS));
  }
  return out;
}

/** Bucket rates summed by le over these pods, at each step. */
function bucketRates(
  views: readonly PodRingView[],
  family: string,
  steps: number[],
): Map<number, (number | null)[]> {
  const byLe = new Map<number, (number | null)[]>();
  for (const v of views)
    for (const s of seriesOf(v.ring, `${family}_bucket`, (b) => !isInfraRequest(b.labels))) {
      const le = parseValue(s.labels.le);
      if (Number.isNaN(le)) continue;
      const sum = byLe.get(le) ?? steps.map(() => null);
      add(sum, rateAt(pointsOf(v.ring, s), steps, RATE_WINDOW_MS));
      byLe.set(le, sum);
    }
  return byLe;
}

/** The chart's series: one per version of each Deployment (pods summed), over [now - range, now]. */
export function assembleSeries(
  pods: readonly PodRingView[],
  key: string,
  rangeMs: number,
  now: number,
  stepMs: number,
): AppSeries[] {
  const { kind, family } = kindOf(key, pods);
  if (!family) return [];
  const first = Math.ceil((now - rangeMs) / stepMs) * stepMs;
  const steps: number[] = [];
  for (let t = first; t <= now; t += stepMs) steps.push(t);
  const groups = new Map<string, PodRingView[]>();
  for (const p of pods)
    groups.set(`${p.deployment}\n${p.version}`, [...(groups.get(`${p.deployment}\n${p.version}`) ?? []), p]);
  const out: AppSeries[] = [];
  for (const views of groups.values()) {
    const head = views[0] as PodRingView;
    let values: (number | null)[];
    if (kind === 'p50' || kind === 'p95' || kind === 'quantile95') {
      const q = kind === 'p50' ? 0.5 : 0.95;
      const byLe = bucketRates(views, family, steps);
      values = steps.map((_, i) => {
        const buckets: Bucket[] = [];
        for (const [le, rates] of byLe) {
          const c = rates[i];
          if (c !== null && c !== undefined) buckets.push({ le, count: c });
        }
        return histogramQuantile(q, buckets);
      });
    } else {
      values = steps.map(() => null);
      for (const v of views) add(values, podValues(v, kind, family, steps));
    }
    const points = steps.flatMap((t, i) => {
      const v = values[i];
      return v === null || v === undefined ? [] : [[t, v] as [number, number]];
    });
    if (points.length > 0)
      out.push({ key, pod: null, version: head.version, deployment: head.deployment, points });
  }
  return out;
}

/** Requests (probes and scrapes left out) each Deployment's pods served over [now - windowMs, now], from their own counters. */
export function requestsServed(
  pods: readonly PodRingView[],
  windowMs: number,
  now: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const view of pods) {
    const family = requestFamily(view.ring.types);
    out[view.deployment] ??= 0;
    if (!family) continue;
    for (const s of seriesOf(view.ring, family, (r) => !isInfraRequest(r.labels))) {
      const inc = extrapolatedIncrease(
        inWindow(pointsOf(view.ring, s), now - windowMs, now),
        now - windowMs,
        now,
      );
      if (inc !== null && Number.isFinite(inc)) out[view.deployment] = (out[view.deployment] ?? 0) + inc;
    }
  }
  return out;
}

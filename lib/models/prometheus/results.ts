// Prometheus' HTTP API answers shaped into what Podium charts: application series (AppSeries) and
// the pods' CPU/memory as history points (HistoryPoint, so the usage charts draw them unchanged).
// Untrusted input: every field is checked, a wrong shape is an error with a message, never a crash.
// https://prometheus.io/docs/prometheus/latest/querying/api/#expression-query-result-formats
import type { AppSeries } from '../appmetrics/types';
import type { HistoryPoint } from '../types';

/** One series of a range query: its labels and `[unix seconds, "value"]` pairs. */
export interface PromSeries {
  metric: Record<string, string>;
  values: [number, number][];
}

export type PromAnswer<T> = { ok: true; data: T } | { ok: false; error: string };

/** The series a chart keeps at most per answer; the rest are left out with a note. */
export const MAX_PROM_SERIES = 50;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The `data` of an answer, or why there is none: Prometheus' own error, or a body that is not its API. */
export function promData(body: unknown): PromAnswer<unknown> {
  if (!isRecord(body) || (body.status !== 'success' && body.status !== 'error'))
    return { ok: false, error: 'the answer is not from the Prometheus HTTP API' };
  if (body.status === 'error') {
    const type = typeof body.errorType === 'string' ? `${body.errorType}: ` : '';
    const msg = typeof body.error === 'string' ? body.error : 'no message';
    return { ok: false, error: `Prometheus answered an error: ${type}${msg}`.slice(0, 500) };
  }
  return { ok: true, data: body.data };
}

/** A range query's matrix; points whose value is not a finite number (NaN from an empty histogram) are dropped. */
export function parseMatrix(data: unknown): PromAnswer<PromSeries[]> {
  if (!isRecord(data) || data.resultType !== 'matrix' || !Array.isArray(data.result))
    return { ok: false, error: 'Prometheus did not answer a range (matrix) result' };
  const out: PromSeries[] = [];
  for (const s of data.result as unknown[]) {
    if (!isRecord(s) || !isRecord(s.metric) || !Array.isArray(s.values)) continue;
    const metric: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.metric)) if (typeof v === 'string') metric[k] = v;
    const values: [number, number][] = [];
    for (const p of s.values as unknown[]) {
      if (!Array.isArray(p) || typeof p[0] !== 'number') continue;
      const v = Number(p[1]);
      if (Number.isFinite(v)) values.push([p[0], v]);
    }
    out.push({ metric, values });
  }
  return { ok: true, data: out };
}

/** A label-values answer (the metric names for the picker), names only, sorted, capped. */
export function parseNames(data: unknown, cap = 200): string[] {
  if (!Array.isArray(data)) return [];
  const names = data.filter(
    (n): n is string => typeof n === 'string' && /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(n),
  );
  return [...new Set(names)].sort().slice(0, cap);
}

/** A pod's version when the series has no pod_template_hash label: the middle of `<deployment>-<hash>-<suffix>`. */
function versionOf(metric: Record<string, string>, deployment: string): string {
  if (metric.pod_template_hash) return metric.pod_template_hash;
  const rest = (metric.pod ?? '').slice(deployment.length + 1);
  return rest.slice(0, Math.max(0, rest.lastIndexOf('-'))) || 'unknown';
}

/** A range query's series as AppSeries of one key, per pod, ordered by pod; capped with a flag. */
export function toAppSeries(
  key: string,
  deployment: string,
  series: readonly PromSeries[],
  cap = MAX_PROM_SERIES,
): { series: AppSeries[]; capped: number } {
  const sorted = [...series].sort((a, b) => (a.metric.pod ?? '').localeCompare(b.metric.pod ?? ''));
  const kept = sorted.slice(0, cap).map<AppSeries>((s) => ({
    key,
    pod: s.metric.pod ?? null,
    version: versionOf(s.metric, deployment),
    deployment,
    points: s.values.map(([t, v]) => [Math.round(t * 1000), v]),
  }));
  return { series: kept, capped: Math.max(0, sorted.length - cap) };
}

/**
 * CPU (cores per pod) and memory (bytes per pod) range results as history points, one per
 * timestamp, so podUsageSeries and the usage charts draw them as they draw metrics-server's samples.
 * A pod is in a point only where both were measured (rate() starts a scrape after the memory
 * gauge): a gap, never a made-up zero.
 */
export function usageHistoryPoints(
  cpu: readonly PromSeries[],
  memory: readonly PromSeries[],
): HistoryPoint[] {
  const memoryAt = new Map<string, Map<number, number>>();
  for (const s of memory) {
    const pod = s.metric.pod;
    if (pod) memoryAt.set(pod, new Map(s.values.map(([t, v]) => [t, v])));
  }
  const byT = new Map<number, HistoryPoint>();
  for (const s of cpu) {
    const pod = s.metric.pod;
    const mem = pod ? memoryAt.get(pod) : undefined;
    if (!pod || !mem) continue;
    for (const [t, v] of s.values) {
      const bytes = mem.get(t);
      if (bytes === undefined) continue;
      const ms = Math.round(t * 1000);
      let p = byT.get(ms);
      if (!p) byT.set(ms, (p = { t: ms, deployments: {}, hpas: {}, pods: {} }));
      p.pods[pod] = { cpuMilli: Math.round(v * 1000), memoryBytes: Math.round(bytes) };
    }
  }
  return [...byT.values()].sort((a, b) => a.t - b.t);
}

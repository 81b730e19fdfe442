import 'server-only';
import { PromQLNameError, rangeStepSeconds } from '../../models/prometheus/promql';
import { parseMatrix, type PromAnswer, type PromSeries } from '../../models/prometheus/results';
import { prometheusGet, prometheusUrl } from './client';

// Range and instant queries over prometheusGet, for the functions that chart from Prometheus.

/** Ranges a chart may ask for: a minute to a week. */
export const MIN_RANGE_MS = 60_000;
export const MAX_RANGE_MS = 7 * 24 * 3600_000;

export function clampRange(rangeMs: number): number {
  return Math.min(MAX_RANGE_MS, Math.max(MIN_RANGE_MS, Number.isFinite(rangeMs) ? rangeMs : MIN_RANGE_MS));
}

/** The window [end - range, end] and its step, in the seconds the API takes. */
export function rangeWindow(rangeMs: number, end = Date.now()) {
  const range = clampRange(rangeMs);
  const step = rangeStepSeconds(range);
  // aligned to the step, so two replicas (or two reloads) ask for, and draw, the same points
  const endS = Math.floor(end / 1000 / step) * step;
  return { start: endS - Math.floor(range / 1000), end: endS, step };
}

export async function queryRange(
  base: URL,
  query: string,
  w: { start: number; end: number; step: number },
): Promise<PromAnswer<PromSeries[]>> {
  const answer = await prometheusGet(base, {
    path: '/api/v1/query_range',
    params: { query, start: String(w.start), end: String(w.end), step: String(w.step) },
  });
  return answer.ok ? parseMatrix(answer.data) : answer;
}

export async function queryInstant(base: URL, query: string, time?: number): Promise<PromAnswer<unknown>> {
  return prometheusGet(base, {
    path: '/api/v1/query',
    params: time === undefined ? { query } : { query, time: String(time) },
  });
}

/** The configured server, or why there is none, for the functions below. */
export function configuredServer(): PromAnswer<URL> {
  const url = prometheusUrl();
  if (url) return { ok: true, data: url };
  return process.env.PODIUM_PROMETHEUS_URL?.trim()
    ? { ok: false, error: 'PODIUM_PROMETHEUS_URL is not an http(s) URL' }
    : { ok: false, error: 'no Prometheus configured (PODIUM_PROMETHEUS_URL)' };
}

/** A builder's refusal as an answer (a name that may not go into a query), anything else thrown on. */
export function refused(err: unknown): { ok: false; error: string } {
  if (err instanceof PromQLNameError) return { ok: false, error: err.message };
  throw err;
}

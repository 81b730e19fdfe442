import 'server-only';
import type { AppMetricsResult } from '../../models/appmetrics/types';
import { prometheusAppMetrics } from '../prometheus/app-metrics';
import { readAppMetricsDirect } from './direct';

/**
 * The deployment page's application metrics from the best source there is: Prometheus when one is
 * configured (PODIUM_PROMETHEUS_URL: history from before Podium started, no scrapes of Podium's
 * own), else the pods' endpoints read directly. A configured Prometheus that fails, or that has no
 * sample of these pods yet, gives way to the direct reader, and the answer's notes say why.
 */
export async function readAppMetrics(
  namespace: string,
  deployment: string,
  key: string,
  rangeSeconds: number,
): Promise<AppMetricsResult> {
  if (!process.env.PODIUM_PROMETHEUS_URL?.trim())
    return readAppMetricsDirect(namespace, deployment, key, rangeSeconds);
  const prom = await prometheusAppMetrics(namespace, deployment, key, rangeSeconds * 1000);
  if (prom.ok && prom.result.series.length > 0) return prom.result;
  const direct = await readAppMetricsDirect(namespace, deployment, key, rangeSeconds);
  if (prom.ok && direct.series.length === 0) return prom.result;
  const why = prom.ok ? `Prometheus has no samples of ${key} for these pods yet` : prom.note;
  return { ...direct, notes: [`${why}; read from the pods directly`, ...direct.notes] };
}

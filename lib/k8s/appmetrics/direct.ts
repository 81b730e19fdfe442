import 'server-only';
import { assembleSeries, requestsServed } from '../../models/appmetrics/assemble';
import { OBSERVED_WINDOW_MS } from '../../models/appmetrics/observed-split';
import type { AppMetricsResult } from '../../models/appmetrics/types';
import type { ObservedRequests } from '../../models/appmetrics/query';
import { readerNotes, ringViews, SCRAPE_INTERVAL_MS, viewDeployment } from './reader';

// The direct source: what the deployment page's panel and the canary panel ask of the reader.

const MAX_PICKER_NAMES = 200;

/** The Deployment's application metrics for `key` over the last `rangeSeconds`, per version. */
export async function readAppMetricsDirect(
  namespace: string,
  deployment: string,
  key: string,
  rangeSeconds: number,
): Promise<AppMetricsResult> {
  const w = await viewDeployment(namespace, deployment);
  const views = ringViews(w);
  const names = new Set<string>();
  for (const v of views)
    for (const [name, type] of Object.entries(v.ring.types))
      if (type !== 'untyped' || !/_(bucket|count|sum)$/.test(name)) names.add(name);
  const notes = readerNotes(w);
  const series = assembleSeries(views, key, rangeSeconds * 1000, Date.now(), SCRAPE_INTERVAL_MS);
  if (
    views.length > 0 &&
    series.length === 0 &&
    ['requests', 'errors', 'p50', 'p95'].includes(key) === false &&
    !names.has(key)
  )
    notes.push(`the app exposes no metric ${key}`);
  return {
    source: 'direct',
    notes,
    series,
    metrics: [...names].sort().slice(0, MAX_PICKER_NAMES),
  };
}

/** Requests each Deployment's pods served over the last minute, from their own counters. */
export async function observedRequestsDirect(
  namespace: string,
  deployments: string[],
): Promise<ObservedRequests> {
  const watched = await Promise.all(deployments.map((d) => viewDeployment(namespace, d)));
  const served: Record<string, number> = {};
  const notes: string[] = [];
  for (const w of watched) {
    Object.assign(served, requestsServed(ringViews(w), OBSERVED_WINDOW_MS, Date.now()));
    served[w.deployment] ??= 0;
    notes.push(...readerNotes(w));
  }
  return { source: 'direct', windowSeconds: OBSERVED_WINDOW_MS / 1000, served, notes };
}

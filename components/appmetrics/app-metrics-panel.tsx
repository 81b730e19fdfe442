'use client';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useAppMetrics } from '@/lib/hooks/use-app-metrics';
import { APP_METRICS_RANGES, DEFAULT_RANGE } from '@/lib/models/appmetrics/query';
import { AppMetricCard } from './app-metric-card';

const DEFAULTS = [
  { key: 'requests', title: 'Requests per second' },
  { key: 'errors', title: 'Errors per second (status ≥ 500)' },
  { key: 'p50', title: 'Latency p50' },
  { key: 'p95', title: 'Latency p95' },
] as const;

const SOURCE_TEXT = {
  direct: "read by Podium from the pods' declared /metrics every 5 s, while this page is open",
  prometheus: 'from Prometheus',
} as const;

const rangeText = (s: number) => (s < 3600 ? `${s / 60} min` : `${s / 3600} h`);
const field =
  'rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900';

/**
 * What the app itself counts, per version: request and error rates and latency by default, any
 * other metric it exposes by choice. The notes (a pod that timed out, a body cut at the limit,
 * series capped) are the app's or the reader's words, shown as text.
 */
export function AppMetricsPanel({ namespace, deployment }: { namespace: string; deployment: string }) {
  const [range, setRange] = useState<number>(DEFAULT_RANGE);
  const [picked, setPicked] = useState('');
  const { data } = useAppMetrics(namespace, deployment, 'requests', range);
  const source = data?.source ?? 'direct';
  return (
    <Card data-testid="app-metrics-panel" data-source={source}>
      <CardHeader
        title="Application metrics"
        description={
          <span>
            <Badge tone="info" data-testid="app-metrics-source">
              {source}
            </Badge>{' '}
            {SOURCE_TEXT[source]}
          </span>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            <select
              aria-label="time range"
              value={range}
              onChange={(e) => setRange(Number(e.target.value))}
              className={field}
            >
              {APP_METRICS_RANGES.map((r) => (
                <option key={r} value={r}>
                  {rangeText(r)}
                </option>
              ))}
            </select>
            <select
              aria-label="another metric"
              data-testid="app-metrics-picker"
              value={picked}
              onChange={(e) => setPicked(e.target.value)}
              className={field}
            >
              <option value="">another metric…</option>
              {(data?.metrics ?? []).map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </div>
        }
      />
      <CardBody className="space-y-4">
        {data && data.notes.length > 0 ? (
          <ul
            data-testid="app-metrics-notes"
            className="space-y-0.5 text-xs text-amber-700 dark:text-amber-400"
          >
            {data.notes.map((n, i) => (
              <li key={i} className="break-words">
                {n}
              </li>
            ))}
          </ul>
        ) : null}
        {source === 'direct' && range > 600 ? (
          <p className="text-xs text-slate-500">
            Read directly, Podium keeps the last 10 minutes; a Prometheus server gives longer ranges.
          </p>
        ) : null}
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {DEFAULTS.map((d) => (
            <AppMetricCard
              key={d.key}
              namespace={namespace}
              deployment={deployment}
              metricKey={d.key}
              range={range}
              title={d.title}
            />
          ))}
          {picked ? (
            <AppMetricCard
              namespace={namespace}
              deployment={deployment}
              metricKey={picked}
              range={range}
              title={picked}
            />
          ) : null}
        </div>
      </CardBody>
    </Card>
  );
}

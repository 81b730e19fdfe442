'use client';
import { useState } from 'react';
import { LoadChart } from '@/components/charts/lazy-traffic-charts';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Stat } from '@/components/ui/stat';
import { startLoad, stopLoad } from '@/lib/api/traffic';
import { recentRate } from '@/lib/models/load-stats';
import type { PodsRun } from '@/lib/models/simulated-nodes';
import { TRAFFIC_LIMITS } from '@/lib/models/traffic';
import type { DeploymentSummary } from '@/lib/models/types';
import { RunBadge, RunControls } from './run-controls';
import { NumberField, TransportNote, formatMs } from './traffic-controls';
import { useServiceRun } from './use-service-run';

const L = TRAFFIC_LIMITS.load;

/**
 * Story 002: real HTTP load through a Service (on Podium's server), bounded in concurrency, rate,
 * duration and requests; requests/s and latency percentiles live, next to the HPA and CPU charts.
 */
export function LoadPanel({
  namespace,
  deployment,
  where,
  defaultPath = '/cpu?ms=50',
}: {
  namespace: string;
  deployment: DeploymentSummary;
  /** where the Deployment's pods run (podsRun of its pods): the caller has them, so this panel
   * does not follow every pod of the namespace (a render per pod change, O(namespace) each) */
  where: PodsRun;
  defaultPath?: string;
}) {
  const target = useServiceRun(namespace, deployment, 'load');
  const { services, run, running, gate, now } = target;
  const [path, setPath] = useState(defaultPath);
  const [concurrency, setConcurrency] = useState<number>(L.concurrencyDefault);
  const [rate, setRate] = useState<string>('');
  const [duration, setDuration] = useState<number>(L.durationSecondsDefault);

  if (services.length === 0) return null;
  // while the run runs the form shows its values, else the drafts
  const shown =
    running && run
      ? { concurrency: run.concurrency, rate: run.rate ?? '', durationSeconds: run.durationSeconds }
      : { concurrency, rate, durationSeconds: duration };
  const upTo = (label: string, max: number, value: number, set: (n: number) => void, testId: string) => (
    <NumberField
      label={`${label} (≤ ${max})`}
      width="w-20"
      min={1}
      max={max}
      value={value}
      onChange={(v) => set(Number(v))}
      disabled={running}
      testId={testId}
    />
  );
  const last = run?.points[run.points.length - 1];
  const perThousand = run && run.sent > 0 ? (run.cpuMs / run.sent) * 1000 : null;
  const errorKinds = run
    ? Object.entries(run.errorKinds)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')
    : '';

  return (
    <Card data-testid="load-panel" data-state={run?.state ?? 'idle'} data-sent={run?.sent ?? 0}>
      <CardHeader
        title="Load generator"
        description={
          run
            ? `GET ${run.path} on ${run.service}, ${run.concurrency} in flight${run.rate ? `, ${run.rate}/s` : ''}`
            : 'real HTTP requests through the Service, from Podium’s server'
        }
        actions={<RunBadge target={target} tone="warn" label="load on" />}
      />
      <CardBody className="space-y-3">
        {where === 'simulated' ? (
          <p
            className="rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-100"
            data-testid="load-simulated"
          >
            Simulated pods: {deployment.name} runs on kwok nodes, where pods run no process, so real requests
            fail. The lessons’ CPU simulation (labelled simulated) stands in for load there.
          </p>
        ) : null}
        <RunControls
          target={target}
          testId="load"
          path={path}
          onPath={setPath}
          pathWidth="w-32"
          stop={{ label: 'Stop load', call: (service) => stopLoad(namespace, service) }}
          start={{
            label: 'Start load',
            call: (service) =>
              startLoad(namespace, service, {
                path,
                concurrency,
                rate: rate.trim() === '' ? null : Number(rate),
                durationSeconds: duration,
              }),
            title: (service) => `Load on ${service} for ${duration} s`,
          }}
        >
          {upTo('In flight', L.concurrencyMax, shown.concurrency, setConcurrency, 'load-concurrency')}
          <NumberField
            label="Rate /s (optional)"
            width="w-24"
            min={1}
            max={L.rateMax}
            placeholder="no limit"
            value={shown.rate}
            onChange={setRate}
            disabled={running}
            testId="load-rate"
          />
          {upTo('Seconds', L.durationSecondsMax, shown.durationSeconds, setDuration, 'load-duration')}
        </RunControls>
        {run ? (
          <>
            <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
              <Stat
                label="Requests/s"
                value={Math.round(recentRate(run.points)).toLocaleString('en-US')}
                hint={`${run.sent.toLocaleString('en-US')} sent`}
                data-testid="load-rps"
              />
              <Stat
                label="p50 / p95"
                value={last?.p50 != null ? `${Math.round(last.p50)} / ${Math.round(last.p95 ?? 0)}` : '–'}
                hint="ms, last second"
              />
              <Stat
                label="Errors"
                value={run.errors.toLocaleString('en-US')}
                tone={run.errors > 0 ? 'bad' : 'ok'}
                hint={errorKinds || undefined}
              />
              <Stat
                label={running ? 'Time left' : 'Ended'}
                value={running ? formatMs(Math.max(0, run.endsAt - now)) : '–'}
                hint={running ? `${run.inFlight} in flight` : run.end?.reason}
              />
            </div>
            <LoadChart points={run.points} />
            {run.message && run.errors > 0 ? (
              <p className="text-xs text-red-700 dark:text-red-400" data-testid="load-message">
                Last error: {run.message}
              </p>
            ) : null}
            <p className="text-xs text-slate-500 dark:text-slate-400">
              Bounds kept by the server: ≤ {run.concurrency} in flight, ≤{' '}
              {run.maxRequests.toLocaleString('en-US')} requests, ≤ {run.durationSeconds} s; it stops when
              Podium stops or nobody watches.
              {perThousand !== null ? ` Podium’s CPU: ${Math.round(perThousand)} ms per 1,000 requests.` : ''}
            </p>
          </>
        ) : null}
        <TransportNote transport={run?.transport ?? gate.info?.transport} text={gate.info?.transportText} />
      </CardBody>
    </Card>
  );
}

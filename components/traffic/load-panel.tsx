'use client';
import { useEffect, useState } from 'react';
import { useActionRunner } from '@/components/actions/use-action';
import { LoadChart } from '@/components/charts/lazy-traffic-charts';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Stat } from '@/components/ui/stat';
import { startLoad, stopLoad } from '@/lib/api/traffic';
import { useKind } from '@/lib/hooks/use-live';
import { useTrafficRun } from '@/lib/hooks/use-traffic';
import { matchesSelector } from '@/lib/models/labels';
import { recentRate } from '@/lib/models/load-stats';
import { podsRun } from '@/lib/models/simulated-nodes';
import { TRAFFIC_LIMITS } from '@/lib/models/traffic';
import type { DeploymentSummary } from '@/lib/models/types';
import { Field, INPUT, ServicePicker, TransportNote, formatMs } from './traffic-controls';
import { useTrafficGate } from './use-traffic-gate';

const L = TRAFFIC_LIMITS.load;

/**
 * Story 002: real HTTP load through a Service (on Podium's server), bounded in concurrency, rate,
 * duration and requests; requests/s and latency percentiles live, next to the HPA and CPU charts.
 */
export function LoadPanel({
  namespace,
  deployment,
  defaultPath = '/cpu?ms=50',
}: {
  namespace: string;
  deployment: DeploymentSummary;
  defaultPath?: string;
}) {
  const pods = useKind(namespace, 'pods');
  const where = podsRun(
    (pods ?? []).filter(
      (p) => p.podTemplateHash !== null && p.owner === `${deployment.name}-${p.podTemplateHash}`,
    ),
  );
  const services = (useKind(namespace, 'services') ?? []).filter(
    (s) =>
      s.namespace === namespace &&
      Object.keys(s.selector).length > 0 &&
      matchesSelector(s.selector, deployment.templateLabels),
  );
  const [picked, setPicked] = useState<string | null>(null);
  const service = picked ?? services[0]?.name ?? null;
  const [path, setPath] = useState(defaultPath);
  const [concurrency, setConcurrency] = useState<number>(L.concurrencyDefault);
  const [rate, setRate] = useState<string>('');
  const [duration, setDuration] = useState<number>(L.durationSecondsDefault);
  const run = useTrafficRun(namespace, 'load', service);
  const gate = useTrafficGate(namespace, 'traffic');
  const { run: act, busy } = useActionRunner();
  const running = run?.state === 'running';
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(t);
  }, [running]);

  if (services.length === 0) return null;
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
        actions={
          run ? (
            <Badge tone={running ? 'warn' : 'neutral'} dot>
              {running ? 'load on' : run.state}
            </Badge>
          ) : null
        }
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
        {gate.visible ? (
          <div className="flex flex-wrap items-end gap-2">
            {services.length > 1 ? (
              <ServicePicker
                services={services}
                value={service ?? ''}
                onChange={setPicked}
                disabled={running}
                testId="load-service"
              />
            ) : null}
            <Field label="Path">
              <input
                className={`${INPUT} w-32 font-mono`}
                value={running && run ? run.path : path}
                onChange={(e) => setPath(e.target.value)}
                disabled={running}
                data-testid="load-path"
              />
            </Field>
            <Field label={`In flight (≤ ${L.concurrencyMax})`}>
              <input
                className={`${INPUT} w-20`}
                type="number"
                min={1}
                max={L.concurrencyMax}
                value={running && run ? run.concurrency : concurrency}
                onChange={(e) => setConcurrency(Number(e.target.value))}
                disabled={running}
                data-testid="load-concurrency"
              />
            </Field>
            <Field label="Rate /s (optional)">
              <input
                className={`${INPUT} w-24`}
                type="number"
                min={1}
                max={L.rateMax}
                placeholder="no limit"
                value={running && run ? (run.rate ?? '') : rate}
                onChange={(e) => setRate(e.target.value)}
                disabled={running}
                data-testid="load-rate"
              />
            </Field>
            <Field label={`Seconds (≤ ${L.durationSecondsMax})`}>
              <input
                className={`${INPUT} w-20`}
                type="number"
                min={1}
                max={L.durationSecondsMax}
                value={running && run ? run.durationSeconds : duration}
                onChange={(e) => setDuration(Number(e.target.value))}
                disabled={running}
                data-testid="load-duration"
              />
            </Field>
            {running ? (
              <Button
                variant="danger"
                disabled={busy !== null}
                onClick={() =>
                  service &&
                  void act(
                    'stop',
                    'Stopping the load failed',
                    () => stopLoad(namespace, service),
                    () => ({ tone: 'ok', title: 'Load stopped' }),
                  )
                }
                data-testid="load-stop"
              >
                Stop load
              </Button>
            ) : (
              <Button
                variant="primary"
                disabledReason={gate.reason}
                disabled={busy !== null || !service}
                data-testid="load-start"
                onClick={() =>
                  service &&
                  void act(
                    'start',
                    'The load did not start',
                    () =>
                      startLoad(namespace, service, {
                        path,
                        concurrency,
                        rate: rate.trim() === '' ? null : Number(rate),
                        durationSeconds: duration,
                      }),
                    (r) => ({
                      tone: 'ok',
                      title: r.joined ? 'Joined the running load' : `Load on ${service} for ${duration} s`,
                    }),
                  )
                }
              >
                Start load
              </Button>
            )}
            {gate.reason ? (
              <span className="text-xs text-amber-700 dark:text-amber-400">{gate.reason}</span>
            ) : null}
          </div>
        ) : null}
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

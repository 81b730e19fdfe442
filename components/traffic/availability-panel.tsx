'use client';
import { useMemo, useState } from 'react';
import { AvailabilityTimeline } from '@/components/charts/availability-timeline';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Stat } from '@/components/ui/stat';
import { startProbe, stopProbe } from '@/lib/api/traffic';
import type { DeploymentFamily } from '@/lib/models/ownership';
import { TRAFFIC_LIMITS } from '@/lib/models/traffic';
import { answerers, replicaSetOfAnswerer } from '@/lib/models/traffic-timeline';
import { RunBadge, RunControls } from './run-controls';
import { NumberField, TransportNote, formatMs } from './traffic-controls';
import { useServiceRun } from './use-service-run';

const NEW_COLOR = '#10b981';
const clock = (t: number) => new Date(t).toLocaleTimeString('en-GB', { hour12: false });
const OLD_COLORS = ['#0ea5e9', '#8b5cf6', '#f59e0b', '#ec4899'];
const OTHER = ['#0ea5e9', '#10b981', '#8b5cf6', '#f59e0b'];

/**
 * Story 001: GET through a Service every 200 ms while a rollout runs, each answer coloured by the
 * version (ReplicaSet) that gave it, failures in red, beside the ReplicaSet bars.
 */
export function AvailabilityPanel({
  namespace,
  deployment,
  replicaSets,
}: { namespace: string } & Pick<DeploymentFamily, 'deployment' | 'replicaSets'>) {
  const target = useServiceRun(namespace, deployment, 'probe');
  const { services, run, running, gate, now } = target;
  const [path, setPath] = useState('/');
  const [interval, setIntervalMs] = useState<number>(TRAFFIC_LIMITS.probe.intervalMsDefault);

  const newest = useMemo(
    () => [...replicaSets].sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0)),
    [replicaSets],
  );
  const legend = useMemo(() => {
    const names = answerers(run?.samples ?? []);
    return names.map((a, i) => {
      const rsName = replicaSetOfAnswerer(a, replicaSets);
      const rank = rsName ? newest.findIndex((r) => r.name === rsName) : -1;
      const rs = rank >= 0 ? newest[rank] : undefined;
      const color =
        rank === 0
          ? NEW_COLOR
          : rank > 0
            ? (OLD_COLORS[(rank - 1) % OLD_COLORS.length] ?? '#0ea5e9')
            : (OTHER[i % OTHER.length] ?? '#64748b');
      return {
        answerer: a,
        color,
        rs: rs ? `rev ${rs.revision ?? '?'}${rank === 0 ? ' · new' : ' · old'}` : null,
      };
    });
  }, [run?.samples, replicaSets, newest]);
  const colorOf = (a: string) => legend.find((l) => l.answerer === a)?.color ?? '#94a3b8';

  if (services.length === 0) {
    return (
      <Card data-testid="availability-panel">
        <CardHeader title="Availability" />
        <CardBody>
          <p className="text-sm text-slate-500 dark:text-slate-400">
            No Service selects this Deployment’s pods, so there is nothing to send requests through.
          </p>
        </CardBody>
      </Card>
    );
  }

  const to = run ? (running ? Math.max(now, run.startedAt + 10_000) : (run.end?.at ?? now)) : now;
  const failures = run?.failures ?? 0;
  return (
    <Card
      data-testid="availability-panel"
      data-state={run?.state ?? 'idle'}
      data-failures={failures}
      data-sent={run?.sent ?? 0}
    >
      <CardHeader
        title="Availability during the rollout"
        description={
          run
            ? `GET ${run.path} on ${run.service}:${run.port} every ${run.intervalMs} ms`
            : 'a request loop through the Service, while you roll out'
        }
        actions={<RunBadge target={target} tone="info" label="probing" />}
      />
      <CardBody className="space-y-3">
        <RunControls
          target={target}
          testId="availability"
          path={path}
          onPath={setPath}
          pathWidth="w-28"
          stop={{ label: 'Stop', call: (service) => stopProbe(namespace, service) }}
          start={{
            label: 'Start probe',
            call: (service) => startProbe(namespace, service, { path, intervalMs: interval }),
            title: (service) => `Probing ${service} every ${interval} ms (at most 10 min)`,
          }}
        >
          <NumberField
            label="Every (ms)"
            width="w-20"
            min={TRAFFIC_LIMITS.probe.intervalMsMin}
            max={TRAFFIC_LIMITS.probe.intervalMsMax}
            value={running && run ? run.intervalMs : interval}
            onChange={(v) => setIntervalMs(Number(v))}
            disabled={running}
          />
        </RunControls>
        {run ? (
          <>
            <div className="grid grid-cols-3 gap-3">
              <Stat
                label="Requests"
                value={run.sent.toLocaleString('en-US')}
                hint={running ? `${formatMs(Math.max(0, run.endsAt - now))} left` : (run.end?.reason ?? '')}
              />
              <Stat
                label="Failed"
                value={failures}
                tone={failures > 0 ? 'bad' : 'ok'}
                data-testid="availability-failures"
              />
              <Stat
                label="Longest outage"
                value={formatMs(run.longestOutageMs)}
                tone={run.longestOutageMs > 0 ? 'bad' : 'ok'}
              />
            </div>
            <AvailabilityTimeline
              samples={run.samples}
              from={run.startedAt}
              to={to}
              colorOf={colorOf}
              intervalMs={run.intervalMs}
              label={`${run.sent} requests, ${failures} failed, longest outage ${formatMs(run.longestOutageMs)}`}
            />
            <div
              className="-mt-2 flex justify-between text-[0.7rem] text-slate-500 tabular-nums dark:text-slate-400"
              aria-hidden="true"
            >
              <span>{clock(run.startedAt)}</span>
              <span>{running ? 'now' : clock(to)}</span>
            </div>
            <ul
              className="flex flex-wrap gap-x-4 gap-y-1 text-xs"
              aria-label="Who answered"
              data-testid="availability-legend"
            >
              {legend.map((l) => (
                <li key={l.answerer} className="flex items-center gap-1.5" data-answerer={l.answerer}>
                  <span aria-hidden="true" className="size-2.5 rounded-sm" style={{ background: l.color }} />
                  <span className="font-mono">{l.answerer}</span>
                  {l.rs ? <span className="text-slate-500">({l.rs})</span> : null}
                </li>
              ))}
              <li className="flex items-center gap-1.5">
                <span aria-hidden="true" className="size-2.5 rounded-sm bg-red-600" />
                failed
              </li>
            </ul>
            {run.message ? (
              <p className="text-xs text-red-700 dark:text-red-400" data-testid="availability-message">
                {failures > 0 ? 'Last failure: ' : ''}
                {run.message}
              </p>
            ) : null}
            {!running && run.end ? <p className="text-xs text-slate-500">Ended: {run.end.reason}.</p> : null}
          </>
        ) : (
          <p className="text-sm text-slate-500 dark:text-slate-400">
            Start the probe, then roll out: without a readiness probe requests fail while new pods start; with
            one, none do.
          </p>
        )}
        <TransportNote transport={run?.transport ?? gate.info?.transport} text={gate.info?.transportText} />
      </CardBody>
    </Card>
  );
}

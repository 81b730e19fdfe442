'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { HpaChart, ReplicasChart, UsageChart } from '@/components/charts/lazy-charts';
import { ConnectionIndicator } from '@/components/layout/connection-indicator';
import { PodGrid } from '@/components/pods/pod-grid';
import { cn } from '@/components/ui/cn';
import { useDeploymentLive } from '@/lib/hooks/use-deployment-live';
import { useHistory, useUsage } from '@/lib/hooks/use-live';
import { totalRestarts, type DeploymentFamily } from '@/lib/models/ownership';
import { rolloutState } from '@/lib/models/rollout';
import { EventTicker } from './event-ticker';
import { ProjectorMode } from './projector-mode';
import { StudentLink } from './student-link';

/**
 * One deployment for the back of a room: big type, high contrast, the pod grid and the charts
 * filling the screen, the latest events, and the link students open. No actions here: the teacher
 * acts from another tab, the screen only shows what happens.
 */
export function ProjectorView({ namespace, name }: { namespace: string; name: string }) {
  const view = useDeploymentLive(namespace, name);
  const usage = useUsage(namespace);
  const history = useHistory(namespace);

  const back = `/ns/${namespace}/deployments/${name}`;
  return (
    <div
      data-testid="projector"
      className="fixed inset-0 z-30 flex flex-col gap-3 overflow-auto bg-white p-4 text-slate-950"
    >
      <ProjectorMode />
      <header className="flex flex-wrap items-center gap-x-6 gap-y-2 2xl:gap-x-10">
        <div className="min-w-0">
          <h1 className="text-2xl leading-tight font-bold break-all">{name}</h1>
          <p className="text-sm text-slate-700">namespace {namespace}</p>
        </div>
        {view ? <Stats view={view} /> : null}
        <div className="ml-auto flex items-center gap-3">
          <ConnectionIndicator namespace={namespace} compact />
          <Link href={back} className="text-sm text-indigo-700 underline">
            Exit
          </Link>
        </div>
      </header>

      {view === undefined ? (
        <p className="flex-1 text-lg">Connecting…</p>
      ) : view === null ? (
        <p data-testid="projector-missing" className="flex-1 text-lg">
          There is no deployment {name} in {namespace} (yet). It appears here as soon as it is created.
        </p>
      ) : (
        <main className="grid min-h-[12rem] flex-1 grid-cols-1 gap-3 lg:grid-cols-2 2xl:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
          <Panel
            title={`Pods · ${view.pods.filter((p) => p.ready && !p.deleting).length} ready`}
            className="overflow-auto"
          >
            <PodGrid pods={view.pods} usage={usage} replicaSets={view.replicaSets} events={view.events} />
          </Panel>
          <div className={cn('grid min-h-0 gap-3', view.hpa ? 'grid-cols-2 grid-rows-2' : 'grid-rows-2')}>
            <Panel title="Replicas" chart>
              <ReplicasChart history={history} deployment={name} />
            </Panel>
            {view.hpa ? (
              <Panel title="HPA: CPU vs target" chart>
                <HpaChart history={history} hpa={view.hpa.name} />
              </Panel>
            ) : null}
            <Panel title="CPU per pod" chart className={view.hpa ? 'col-span-2' : undefined}>
              <UsageChart history={history} pods={view.podNames} metric="cpu" limit={8} />
            </Panel>
          </div>
        </main>
      )}

      <footer className="grid grid-cols-1 gap-4 border-t-2 border-slate-300 pt-2 lg:grid-cols-2 2xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <EventTicker events={view?.events ?? []} />
        <StudentLink path={back} />
      </footer>
    </div>
  );
}

/** A bordered box; with `chart`, its chart grows to the box's height instead of the fixed chart height. */
function Panel({
  title,
  chart = false,
  className,
  children,
}: {
  title: string;
  chart?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section
      className={cn(
        'flex min-h-0 flex-col rounded-lg border-2 border-slate-300 p-2',
        // the charts' y axes have a fixed width in px while their ticks are in rem: at the projector's
        // 22 px root "160%" no longer fits, so the tick text keeps its normal 12 px here
        chart &&
          '[&_[data-testid=chart-skeleton]]:h-full [&_[role=img]]:h-full [&_.recharts-cartesian-axis-tick-value]:text-[12px]',
        className,
      )}
    >
      <h2 className="mb-1 text-base font-semibold">{title}</h2>
      <div className={cn('min-h-0 flex-1', chart && 'min-h-[6rem]')}>{children}</div>
    </section>
  );
}

/** The numbers people ask about first: ready pods, restarts, what the HPA wants, the rollout. */
function Stats({ view }: { view: DeploymentFamily }) {
  const { deployment } = view;
  const ready = view.pods.filter((p) => p.ready && !p.deleting).length;
  const restarts = totalRestarts(view.pods);
  const rollout = rolloutState(deployment, view.replicaSets);
  const cpu = view.hpa?.metrics.find((m) => m.name === 'cpu');
  return (
    <dl className="flex flex-wrap gap-x-6 gap-y-1 2xl:gap-x-10">
      <BigStat
        label="Ready"
        value={`${ready}/${deployment.desired}`}
        tone={ready >= deployment.desired ? 'text-emerald-700' : 'text-amber-700'}
        testId="projector-ready"
      />
      <BigStat
        label="Restarts"
        value={String(restarts)}
        tone={restarts > 0 ? 'text-red-700' : undefined}
        testId="projector-restarts"
      />
      {view.hpa ? (
        <BigStat
          label={`HPA · target ${cpu?.target ?? '–'} %`}
          value={`${cpu?.current != null ? Math.round(cpu.current) : '–'} % → ${view.hpa.desiredReplicas}`}
          testId="projector-hpa"
        />
      ) : null}
      <BigStat
        label={deployment.revision !== null ? `Rollout · rev ${deployment.revision}` : 'Rollout'}
        value={rollout.phase}
        testId="projector-rollout"
      />
    </dl>
  );
}

/** A label over a number, smaller on short or narrow screens so the header stays one row. */
function BigStat({
  label,
  value,
  tone,
  testId,
}: {
  label: string;
  value: string;
  tone?: string;
  testId: string;
}) {
  return (
    <div data-testid={testId}>
      <dt className="text-xs font-semibold tracking-wide text-slate-700 uppercase">{label}</dt>
      <dd className={cn('text-2xl leading-tight font-bold tabular-nums 2xl:text-4xl', tone)}>{value}</dd>
    </div>
  );
}

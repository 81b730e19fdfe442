import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import type { Tone } from '@/components/ui/cn';
import { Stat } from '@/components/ui/stat';
import type { ConditionSummary, DeploymentSummary } from '@/lib/models/types';
import { readinessTone } from './deployment-card';

export interface DeploymentHeaderProps {
  deployment: DeploymentSummary;
  /** scale / restart / roll-out buttons */
  actions?: ReactNode;
}

/** Available=True is good; Progressing=True is good unless the controller says it timed out. */
export function conditionTone(c: ConditionSummary): Tone {
  if (c.status === 'Unknown') return 'neutral';
  if (c.type === 'ReplicaFailure') return c.status === 'True' ? 'bad' : 'ok';
  if (c.status === 'False') return 'bad';
  return c.reason === 'ProgressDeadlineExceeded' ? 'bad' : 'ok';
}

function strategyText(s: DeploymentSummary['strategy']): string {
  if (s.type !== 'RollingUpdate') return s.type;
  return `RollingUpdate · maxSurge ${s.maxSurge ?? '25%'} · maxUnavailable ${s.maxUnavailable ?? '25%'}`;
}

/** The top of a Deployment's page: what runs, how it rolls out, and its replica counts. */
export function DeploymentHeader({ deployment: d, actions }: DeploymentHeaderProps) {
  const tone = readinessTone(d.ready, d.desired);
  return (
    <header data-testid="deployment-header" data-deployment={d.name} className="space-y-3">
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1">
          <p className="text-xs text-slate-500 dark:text-slate-400">Deployment · {d.namespace}</p>
          <h1 className="truncate text-2xl font-semibold">{d.name}</h1>
          <ul className="mt-1 space-y-0.5 text-sm" aria-label="Containers">
            {d.containers.map((c) => (
              <li key={c.name} className="flex flex-wrap gap-x-2">
                <span className="text-slate-500 dark:text-slate-400">{c.name}</span>
                <code className="font-mono break-all" data-testid="deployment-image">
                  {c.image}
                </code>
                {c.versionEnv ? (
                  <Badge tone="info">
                    {c.versionEnv.name}={c.versionEnv.value}
                  </Badge>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
        {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <Badge tone="neutral" data-testid="deployment-strategy">
          {strategyText(d.strategy)}
        </Badge>
        <Badge tone="neutral">revision {d.revision ?? '—'}</Badge>
        {d.paused ? <Badge tone="warn">paused</Badge> : null}
        {d.observedGeneration < d.generation ? <Badge tone="warn">spec change not yet observed</Badge> : null}
        {d.conditions.map((c) => (
          <Badge
            key={c.type}
            tone={conditionTone(c)}
            dot
            title={[c.reason, c.message].filter(Boolean).join(': ')}
            data-condition={c.type}
          >
            {c.type}
            {c.reason ? ` · ${c.reason}` : ''}
          </Badge>
        ))}
      </div>
      <div className="grid grid-cols-3 gap-4 sm:grid-cols-6">
        <Stat label="Desired" value={d.desired} data-testid="replicas-desired" />
        <Stat label="Ready" value={d.ready} tone={tone} data-testid="replicas-ready" />
        <Stat label="Current" value={d.current} hint="all pods" />
        <Stat label="Up-to-date" value={d.updated} />
        <Stat label="Available" value={d.available} />
        <Stat label="Unavailable" value={d.unavailable} tone={d.unavailable > 0 ? 'warn' : 'neutral'} />
      </div>
    </header>
  );
}

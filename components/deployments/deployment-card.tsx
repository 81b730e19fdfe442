import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Progress } from '@/components/ui/progress';
import type { DeploymentSummary } from '@/lib/models/types';
import { severityTone, type FindingItem } from './findings';

export interface DeploymentCardProps {
  deployment: DeploymentSummary;
  /** total restarts over the deployment's pods */
  restarts: number;
  hasHpa: boolean;
  inCanaryGroup: boolean;
  href: string;
  findings?: FindingItem[];
}

/** Ready-vs-desired colour: green when all are ready, red when none are, amber in between. */
export function readinessTone(ready: number, desired: number): 'ok' | 'warn' | 'bad' {
  if (ready >= desired) return 'ok';
  return ready === 0 ? 'bad' : 'warn';
}

/** One Deployment on the overview: how many pods are ready, and what is worth a look. */
export function DeploymentCard({
  deployment: d,
  restarts,
  hasHpa,
  inCanaryGroup,
  href,
  findings = [],
}: DeploymentCardProps) {
  const tone = readinessTone(d.ready, d.desired);
  const noReadiness = d.containers[0] !== undefined && d.containers[0].readiness === null;
  const rolling = d.updated < d.desired || d.current > d.desired;
  const problems = findings.filter((f) => severityTone(f.severity) !== 'info');
  const images = [...new Set(d.containers.map((c) => c.image))];
  return (
    <Card
      data-testid="deployment-card"
      data-deployment={d.name}
      data-desired={d.desired}
      data-ready={d.ready}
      className="flex flex-col"
    >
      <div className="flex flex-wrap items-center gap-1.5 px-4 pt-3">
        <Link
          href={href}
          className="mr-auto truncate text-base font-semibold text-sky-700 hover:underline dark:text-sky-400"
        >
          {d.name}
        </Link>
        {hasHpa ? <Badge tone="info">HPA</Badge> : null}
        {inCanaryGroup ? <Badge tone="info">canary</Badge> : null}
        {d.paused ? <Badge tone="warn">paused</Badge> : null}
        {rolling ? <Badge tone="warn">rolling out</Badge> : null}
        {noReadiness ? (
          <Badge
            tone="warn"
            dot
            data-testid="no-readiness-probe"
            title="Without a readiness probe, a rollout sends requests to pods that are not ready yet."
          >
            no readiness probe
          </Badge>
        ) : null}
      </div>
      <div className="flex items-end gap-4 px-4 pt-2">
        <div aria-label={`${d.ready} of ${d.desired} replicas ready`}>
          <span
            className={cn(
              'text-4xl font-semibold tabular-nums',
              tone === 'ok'
                ? 'text-emerald-700 dark:text-emerald-400'
                : tone === 'warn'
                  ? 'text-amber-700 dark:text-amber-400'
                  : 'text-red-700 dark:text-red-400',
            )}
          >
            {d.ready}
          </span>
          <span className="text-2xl text-slate-400 tabular-nums">/{d.desired}</span>
          <span className="ml-1 text-xs text-slate-500 dark:text-slate-400">ready</span>
        </div>
        <dl className="ml-auto grid grid-cols-3 gap-x-4 text-right text-xs text-slate-500 dark:text-slate-400">
          <dt>up-to-date</dt>
          <dt>available</dt>
          <dt>restarts</dt>
          <dd className="text-base font-medium text-slate-800 tabular-nums dark:text-slate-200">
            {d.updated}
          </dd>
          <dd className="text-base font-medium text-slate-800 tabular-nums dark:text-slate-200">
            {d.available}
          </dd>
          <dd
            className={cn(
              'text-base font-medium tabular-nums',
              restarts > 0 ? 'text-red-700 dark:text-red-400' : 'text-slate-800 dark:text-slate-200',
            )}
            data-testid="deployment-restarts"
          >
            {restarts}
          </dd>
        </dl>
      </div>
      <div className="px-4 pt-2">
        <Progress
          value={d.ready}
          max={d.desired}
          tone={tone}
          label={`${d.ready} of ${d.desired} replicas ready`}
        />
      </div>
      <div className="mt-auto flex flex-wrap items-center gap-x-3 gap-y-1 px-4 pt-2 pb-3 text-xs">
        {images.map((image) => (
          <code key={image} className="truncate font-mono text-slate-600 dark:text-slate-400" title={image}>
            {image}
          </code>
        ))}
        {problems.length > 0 ? (
          <Badge
            tone={problems.some((f) => severityTone(f.severity) === 'bad') ? 'bad' : 'warn'}
            title={problems.map((f) => f.message).join('\n')}
            className="ml-auto"
          >
            {problems.length} finding{problems.length === 1 ? '' : 's'}
          </Badge>
        ) : null}
      </div>
    </Card>
  );
}

import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { cn, type Tone } from '@/components/ui/cn';
import { Progress } from '@/components/ui/progress';
import { RelativeTime } from '@/components/ui/relative-time';
import { Stat } from '@/components/ui/stat';
import { formatDuration } from '@/components/ui/time';
import { explainHpa, governingProposal } from '@/lib/models/hpa';
import { formatBytes, formatCpu } from '@/lib/models/quantity';
import type { ConditionSummary, HpaMetricSummary, HpaSummary } from '@/lib/models/types';
import { ReplicaSlots } from './replica-slots';

export interface HpaPanelProps {
  hpa: HpaSummary;
  /** a fixed clock for tests */
  now?: number;
}

/** ScalingLimited=True is a caution (pinned at min or max); the other two are healthy when True. */
function conditionTone(c: ConditionSummary): Tone {
  if (c.status === 'Unknown') return 'neutral';
  if (c.type === 'ScalingLimited') return c.status === 'True' ? 'warn' : 'ok';
  return c.status === 'True' ? 'ok' : 'bad';
}

function metricText(m: HpaMetricSummary, v: number | null): string {
  if (v === null) return '—';
  if (m.targetType === 'Utilization') return `${Math.round(v)} %`;
  if (m.name === 'cpu') return formatCpu(v * 1000);
  if (m.name === 'memory') return formatBytes(v);
  return String(Number(v.toFixed(2)));
}

/** An HPA's decision laid open: metric vs target, the formula with live numbers, limits and conditions. */
export function HpaPanel({ hpa, now }: HpaPanelProps) {
  const governing = governingProposal(hpa);
  const formulaSays = governing?.result.desired ?? null;
  // the controller keeps the highest recommendation of the window, so a lower formula result waits
  const heldByWindow =
    formulaSays !== null && formulaSays < hpa.currentReplicas && hpa.desiredReplicas >= hpa.currentReplicas;
  return (
    <Card data-testid="hpa-panel" data-hpa={hpa.name}>
      <CardHeader
        title={`Autoscaler ${hpa.name}`}
        description={`scales ${hpa.target.kind} ${hpa.target.name} between ${hpa.minReplicas} and ${hpa.maxReplicas} replicas`}
      />
      <CardBody className="space-y-4">
        {hpa.metrics.map((m) => {
          const over = m.current !== null && m.target !== null && m.current > m.target;
          return (
            <div key={`${m.type}/${m.name}`} data-testid="hpa-metric" data-metric={m.name}>
              <div className="flex items-baseline justify-between gap-2 text-sm">
                <span className="font-medium">
                  {m.name} {m.targetType === 'Utilization' ? 'utilization' : m.targetType}
                </span>
                <span className="tabular-nums">
                  <span
                    className={cn('text-2xl font-semibold', over ? 'text-amber-700 dark:text-amber-400' : '')}
                    data-testid="hpa-current"
                  >
                    {metricText(m, m.current)}
                  </span>
                  <span className="text-slate-500 dark:text-slate-400">
                    {' '}
                    / target {metricText(m, m.target)}
                  </span>
                </span>
              </div>
              {m.current !== null && m.target !== null ? (
                <Progress
                  value={m.current}
                  max={Math.max(m.target * 2, m.current)}
                  tone={over ? 'warn' : 'ok'}
                  label={`${m.name}: ${metricText(m, m.current)} of target ${metricText(m, m.target)}`}
                  className="mt-1 h-2"
                />
              ) : null}
            </div>
          );
        })}

        <p
          data-testid="hpa-formula"
          className="rounded-md bg-slate-100 px-3 py-2 font-mono text-sm break-words text-slate-900 dark:bg-slate-800 dark:text-slate-100"
        >
          {explainHpa(hpa)}
        </p>

        <div className="grid grid-cols-4 gap-3">
          <Stat label="Min" value={hpa.minReplicas} />
          <Stat label="Current" value={hpa.currentReplicas} data-testid="hpa-current-replicas" />
          <Stat
            label="Desired"
            value={hpa.desiredReplicas}
            tone={hpa.desiredReplicas !== hpa.currentReplicas ? 'warn' : 'neutral'}
            data-testid="hpa-desired-replicas"
          />
          <Stat label="Max" value={hpa.maxReplicas} />
        </div>
        <ReplicaSlots
          min={hpa.minReplicas}
          max={hpa.maxReplicas}
          current={hpa.currentReplicas}
          desired={hpa.desiredReplicas}
        />

        <div className="space-y-1 text-sm text-slate-600 dark:text-slate-400" data-testid="hpa-stabilization">
          <p>
            Scale-down stabilization window:{' '}
            <strong className="text-slate-900 dark:text-slate-100">
              {formatDuration(hpa.scaleDownStabilizationSeconds * 1000)}
            </strong>{' '}
            — pods are removed only when every recommendation in that window was lower.
          </p>
          {heldByWindow ? (
            <p className="text-amber-700 dark:text-amber-400">
              The formula now says {formulaSays}, but the window holds {hpa.currentReplicas} replicas for now.
            </p>
          ) : null}
          <p>
            Last scaled: <RelativeTime iso={hpa.lastScaleTime} now={now} />
          </p>
        </div>

        <ul className="space-y-1" aria-label="Conditions">
          {hpa.conditions.map((c) => (
            <li
              key={c.type}
              data-testid="hpa-condition"
              data-condition={c.type}
              data-status={c.status}
              className="flex flex-wrap items-baseline gap-2 text-sm"
            >
              <Badge tone={conditionTone(c)} dot>
                {c.type} {c.status}
              </Badge>
              {c.reason ? <span className="font-medium">{c.reason}</span> : null}
              {c.message ? <span className="text-slate-600 dark:text-slate-400">{c.message}</span> : null}
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}

import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import type { Tone } from '@/components/ui/cn';
import { Progress } from '@/components/ui/progress';
import { rolloutState, type RolloutPhase, type RolloutState } from '@/lib/models/rollout';
import type { DeploymentSummary, ReplicaSetSummary } from '@/lib/models/types';
import { RevisionHistory } from './revision-history';
import { shownReplicaSets } from './rollout-view';

export interface RolloutPanelProps {
  deployment: DeploymentSummary;
  /** the Deployment's ReplicaSets (any order) */
  replicaSets: ReplicaSetSummary[];
  /** a precomputed rolloutState(); computed from deployment and replicaSets when omitted */
  state?: RolloutState;
}

const PHASE_TONE: Record<RolloutPhase, Tone> = {
  complete: 'ok',
  progressing: 'info',
  stalled: 'bad',
  paused: 'warn',
};

/** Old vs new ReplicaSet during a rolling update: which revision runs how many ready pods. */
export function RolloutPanel({ deployment: d, replicaSets, state }: RolloutPanelProps) {
  const view = state ?? rolloutState(d, replicaSets);
  const fresh = view.newReplicaSet;
  const shown = shownReplicaSets(view, replicaSets);
  const { maxSurge, maxUnavailable, type } = d.strategy;
  return (
    <Card data-testid="rollout-panel" data-phase={view.phase}>
      <CardHeader
        title="Rollout"
        description={
          type === 'RollingUpdate'
            ? `maxSurge ${maxSurge ?? '25%'} · maxUnavailable ${maxUnavailable ?? '25%'}`
            : type
        }
        actions={
          <Badge tone={PHASE_TONE[view.phase]} dot data-testid="rollout-phase">
            {view.phase}
          </Badge>
        }
      />
      <CardBody className="space-y-4">
        <div>
          <div className="flex items-baseline justify-between text-sm">
            <span className="text-slate-600 dark:text-slate-300">{view.message}</span>
            <span className="font-semibold tabular-nums">
              {view.newReady}/{view.desired}
            </span>
          </div>
          <Progress
            value={view.newReady}
            max={view.desired}
            tone={view.phase === 'stalled' ? 'bad' : view.phase === 'complete' ? 'ok' : 'info'}
            striped={view.phase === 'progressing'}
            label={`${view.newReady} of ${view.desired} replicas ready on the new revision`}
            className="mt-1 h-2"
          />
        </div>
        {shown.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">No ReplicaSets yet.</p>
        ) : null}
        <ul className="space-y-3" aria-label="ReplicaSets">
          {shown.map((rs) => {
            const isNew = rs.name === fresh?.name;
            const of = Math.max(rs.desired, rs.current);
            return (
              <li
                key={rs.uid}
                data-testid="rollout-rs"
                data-rs={rs.name}
                data-role={isNew ? 'new' : 'old'}
                data-revision={rs.revision ?? undefined}
              >
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <Badge tone={isNew ? 'info' : 'neutral'}>{isNew ? 'new' : 'old'}</Badge>
                  <span className="font-medium">rev {rs.revision ?? '?'}</span>
                  <code
                    className="min-w-0 flex-1 truncate font-mono text-xs text-slate-600 dark:text-slate-400"
                    title={rs.images.join(', ')}
                  >
                    {rs.images.join(', ')}
                  </code>
                  <span className="tabular-nums">
                    <strong>{rs.ready}</strong>/{rs.desired} ready
                    {rs.current !== rs.desired ? (
                      <span className="text-slate-500"> ({rs.current} pods)</span>
                    ) : null}
                  </span>
                </div>
                <Progress
                  value={rs.ready}
                  max={of}
                  tone={isNew ? (rs.ready >= rs.desired ? 'ok' : 'warn') : 'neutral'}
                  label={`revision ${rs.revision ?? '?'}: ${rs.ready} of ${rs.desired} ready`}
                  className="mt-1"
                />
              </li>
            );
          })}
        </ul>
        {replicaSets.length > 0 ? <RevisionHistory deployment={d} replicaSets={replicaSets} /> : null}
      </CardBody>
    </Card>
  );
}

'use client';

import { ActionGate, GatedButton } from '@/components/actions/action-gate';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { RelativeTime } from '@/components/ui/relative-time';
import type { ActionName } from '@/lib/models/contract';
import { useSession } from '@/lib/hooks/use-session';
import { stepStatus, stepTiming, type Progress } from '@/lib/lessons/progress';
import { kubectlLine, type LessonStep, type StepAction } from '@/lib/lessons/stories';
import { CopyLine } from './kubectl-hint';

export interface LessonStepItemProps {
  step: LessonStep;
  index: number;
  namespace: string;
  progress: Progress;
  /** null while unknown */
  simulated: boolean | null;
  busy: string | null;
  onAction: (step: LessonStep) => void;
  onSimulate: (step: LessonStep) => void;
}

const ACTION_OF: Record<StepAction['kind'], ActionName> = {
  scale: 'scale',
  rollout: 'rollout',
  endpoint: 'endpoint',
};

/** One step: number or check mark, what to do, what to look at and why, and the measured timing. */
export function LessonStepItem({
  step,
  index,
  namespace,
  progress,
  simulated,
  busy,
  onAction,
  onSimulate,
}: LessonStepItemProps) {
  const status = stepStatus(step, progress);
  const timing = stepTiming(step, progress);
  const run = progress[step.id];
  const done = status === 'done';
  return (
    <li
      data-testid="lesson-step"
      data-step-id={step.id}
      data-done={done ? 'true' : 'false'}
      data-status={status}
      className={cn(
        'rounded-lg border p-4 transition-colors',
        done
          ? 'border-emerald-300 bg-emerald-50/60 dark:border-emerald-700 dark:bg-emerald-950/30'
          : status === 'watching'
            ? 'border-sky-300 bg-white dark:border-sky-700 dark:bg-slate-900'
            : 'border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900',
      )}
    >
      <div className="flex items-start gap-3">
        <span
          aria-hidden="true"
          className={cn(
            'flex size-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold',
            done
              ? 'bg-emerald-600 text-white'
              : status === 'watching'
                ? 'bg-sky-600 text-white'
                : 'bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200',
          )}
        >
          {done ? '✓' : index + 1}
        </span>
        <div className="min-w-0 flex-1 space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <h3 className="font-semibold">{step.title}</h3>
            <span className="sr-only">{done ? '(done)' : status === 'watching' ? '(watching)' : ''}</span>
            {step.needsLiveApp && simulated ? (
              <Badge
                tone="warn"
                data-testid="lesson-needs-real-cluster"
                title="these pods sit on simulated (kwok) nodes and run no process"
              >
                needs a running app: these pods are simulated, use Simulate
              </Badge>
            ) : null}
          </div>
          <p className="text-sm">{step.look}</p>
          <p className="text-sm text-slate-600 dark:text-slate-400">{step.why}</p>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            <span className="font-medium">Podium checks:</span> {step.expect.text}.
          </p>
          <StepButtons
            step={step}
            namespace={namespace}
            simulated={simulated}
            busy={busy}
            onAction={onAction}
            onSimulate={onSimulate}
          />
          {step.kubectl?.length ? (
            <details className="text-xs">
              <summary className="cursor-pointer text-slate-500 dark:text-slate-400">
                {step.action || step.simulate ? 'By hand with kubectl' : 'Do it with kubectl'}
                {step.needsLiveApp ? ' (on a real cluster)' : ''}
              </summary>
              <div className="mt-1 space-y-1">
                {step.kubectl.map((line) => (
                  <CopyLine key={line} text={kubectlLine(line, namespace)} />
                ))}
              </div>
            </details>
          ) : null}
          {timing ? (
            <p
              data-testid="lesson-timing"
              data-ms={Math.round(timing.ms)}
              className="text-sm font-medium text-emerald-800 dark:text-emerald-300"
            >
              {timing.text}
              {run?.detail ? (
                <span className="font-normal text-slate-600 dark:text-slate-400"> · {run.detail}</span>
              ) : null}
            </p>
          ) : run && status === 'watching' ? (
            <p className="text-xs text-sky-800 dark:text-sky-300" data-testid="lesson-watching">
              Watching since {run.trigger} (<RelativeTime iso={new Date(run.startedAt).toISOString()} />
              )…
            </p>
          ) : null}
        </div>
      </div>
    </li>
  );
}

function StepButtons({
  step,
  namespace,
  simulated,
  busy,
  onAction,
  onSimulate,
}: Omit<LessonStepItemProps, 'index' | 'progress'>) {
  const showSimulate = step.simulate !== undefined && simulated === true;
  if (!step.action && !showSimulate) return null;
  return (
    <ActionGate namespace={namespace}>
      <div className="flex flex-wrap items-center gap-2">
        {step.action ? (
          <GatedButton
            action={ACTION_OF[step.action.kind]}
            size="sm"
            variant={step.needsLiveApp && simulated ? 'secondary' : 'primary'}
            onClick={() => onAction(step)}
            disabledReason={busy ? 'Working…' : null}
            data-testid={`lesson-action-${step.id}`}
          >
            {step.action.label}
          </GatedButton>
        ) : null}
        {showSimulate && step.simulate ? (
          <SimulateButton step={step} busy={busy} onSimulate={onSimulate} />
        ) : null}
      </div>
    </ActionGate>
  );
}

function SimulateButton({
  step,
  busy,
  onSimulate,
}: {
  step: LessonStep;
  busy: string | null;
  onSimulate: (step: LessonStep) => void;
}) {
  // inside an ActionGate, so never shown in read-only mode; locked like every action
  const { locked } = useSession();
  return (
    <Button
      size="sm"
      variant="primary"
      onClick={() => onSimulate(step)}
      disabledReason={locked ? 'Locked: enter the action token to use actions' : busy ? 'Working…' : null}
      title={`Simulate: ${step.simulate?.label ?? ''} (pods on simulated nodes only)`}
      data-testid={`lesson-simulate-${step.id}`}
    >
      {step.simulate?.label ?? 'Simulate'}
    </Button>
  );
}

'use client';
import { useState } from 'react';
import { Confirm } from '@/components/actions/confirm';
import { useActionRunner } from '@/components/actions/use-action';
import { Button } from '@/components/ui/button';
import { canaryAction } from '@/lib/api/traffic';
import { describePromotion } from '@/lib/models/canary-promote';
import type { CanaryRequest } from '@/lib/models/traffic-contract';
import type { DeploymentSummary } from '@/lib/models/types';
import { Field, INPUT } from './traffic-controls';
import { useTrafficGate } from './use-traffic-gate';

interface Pending {
  title: string;
  detail: string;
  label: string;
  tone: 'primary' | 'danger';
  body: CanaryRequest;
}

function versionOf(d: DeploymentSummary): string | null {
  return d.containers[0]?.versionEnv?.value ?? null;
}

/** Set the stable/canary replicas in one step, promote the canary, or abort it; each confirmed first. */
export function CanaryActions({
  namespace,
  stable,
  canary,
  onDone,
}: {
  namespace: string;
  stable: DeploymentSummary;
  canary: DeploymentSummary;
  onDone?: () => void;
}) {
  const gate = useTrafficGate(namespace, 'canary');
  const { run, busy } = useActionRunner();
  const [s, setS] = useState(String(stable.desired));
  const [c, setC] = useState(String(canary.desired));
  const [pending, setPending] = useState<Pending | null>(null);
  if (!gate.visible) return null;

  const ratio = (): Pending | null => {
    const sr = Number(s);
    const cr = Number(c);
    if (!Number.isInteger(sr) || !Number.isInteger(cr) || sr < 0 || cr < 0) return null;
    const total = sr + cr;
    return {
      title: `Set ${stable.name} to ${sr} and ${canary.name} to ${cr} replicas?`,
      detail: `${stable.name}: ${stable.desired} → ${sr}; ${canary.name}: ${canary.desired} → ${cr}. With every pod ready the canary gets about ${total > 0 ? Math.round((cr / total) * 100) : 0} % of the requests.`,
      label: 'Scale both',
      tone: 'primary',
      body: {
        action: 'ratio',
        stable: stable.name,
        canary: canary.name,
        stableReplicas: sr,
        canaryReplicas: cr,
      },
    };
  };
  const promote: Pending = {
    title: `Promote ${canary.name}?`,
    detail:
      describePromotion(
        stable.name,
        canary.name,
        versionOf(canary),
        canary.containers.map((x) => x.image),
      ) + '.',
    label: 'Promote',
    tone: 'primary',
    body: { action: 'promote', stable: stable.name, canary: canary.name },
  };
  const abort: Pending = {
    title: `Abort the canary ${canary.name}?`,
    detail: `${canary.name}: ${canary.desired} → 0 replicas. ${stable.name} keeps its ${stable.desired} and takes every request.`,
    label: 'Abort canary',
    tone: 'danger',
    body: { action: 'abort', canary: canary.name },
  };
  const off = gate.reason ?? (busy ? 'busy' : null);

  return (
    <div
      className="space-y-2 border-t border-slate-100 pt-3 dark:border-slate-800"
      data-testid="canary-actions"
    >
      <p className="text-xs font-medium text-slate-500 uppercase dark:text-slate-400">Canary actions</p>
      <div className="flex flex-wrap items-end gap-2">
        <Field label={`${stable.name} (stable)`}>
          <input
            className={`${INPUT} w-20`}
            type="number"
            min={0}
            max={gate.maxReplicas}
            value={s}
            onChange={(e) => setS(e.target.value)}
            data-testid="canary-stable-replicas"
          />
        </Field>
        <Field label={`${canary.name} (canary)`}>
          <input
            className={`${INPUT} w-20`}
            type="number"
            min={0}
            max={gate.maxReplicas}
            value={c}
            onChange={(e) => setC(e.target.value)}
            data-testid="canary-canary-replicas"
          />
        </Field>
        <Button disabledReason={off} onClick={() => setPending(ratio())} data-testid="canary-ratio">
          Set replicas
        </Button>
        <Button
          variant="primary"
          disabledReason={off ?? (canary.desired === 0 ? 'the canary has no replicas to promote' : null)}
          onClick={() => setPending(promote)}
          data-testid="canary-promote"
        >
          Promote
        </Button>
        <Button
          variant="danger"
          disabledReason={off ?? (canary.desired === 0 ? 'the canary is already at 0' : null)}
          onClick={() => setPending(abort)}
          data-testid="canary-abort"
        >
          Abort
        </Button>
      </div>
      {gate.reason ? <p className="text-xs text-amber-700 dark:text-amber-400">{gate.reason}</p> : null}
      <Confirm
        open={pending !== null}
        title={pending?.title ?? ''}
        confirmLabel={pending?.label ?? 'OK'}
        tone={pending?.tone ?? 'primary'}
        busy={busy !== null}
        onCancel={() => setPending(null)}
        onConfirm={() => {
          const p = pending;
          setPending(null);
          if (p)
            void run(
              p.body.action,
              `${p.label} failed`,
              () => canaryAction(namespace, p.body),
              (r) => ({ tone: 'ok', title: `${p.label}: done`, detail: r.changed.join(', ') }),
            ).then(() => onDone?.());
        }}
      >
        <p data-testid="canary-confirm-detail">{pending?.detail}</p>
      </Confirm>
    </div>
  );
}

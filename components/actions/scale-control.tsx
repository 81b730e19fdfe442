'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { scaleDeployment, setHpaBounds } from '@/lib/api/actions';
import type { DeploymentSummary, HpaSummary } from '@/lib/models/types';
import { hpaBoundsProblem } from '@/lib/validation';
import { GatedButton, useGate } from './action-gate';
import { Confirm } from './confirm';
import { useActionRunner } from './use-action';
import { OutcomeLine } from './outcome-line';

const inputClass =
  'h-9 rounded-md border border-slate-300 bg-white px-2 text-sm tabular-nums dark:border-slate-600 dark:bg-slate-900';

/**
 * Scale to N. When an HPA targets the deployment, a manual scale would be undone at its next sync,
 * so the dialog explains that and offers changing the HPA's bounds, or scaling anyway.
 */
export function ScaleControl({
  namespace,
  deployment,
  hpa,
}: {
  namespace: string;
  deployment: DeploymentSummary;
  hpa: HpaSummary | null;
}) {
  const { maxReplicas } = useGate('scale');
  const { run, busy, last } = useActionRunner();
  const [draft, setDraft] = useState<string | null>(null); // null: follow the live value
  const [dialog, setDialog] = useState<null | 'zero' | 'hpa'>(null);
  const [hpaNote, setHpaNote] = useState<string | null>(null);
  const [bounds, setBounds] = useState<{ min: string; max: string }>({ min: '', max: '' });

  const text = draft ?? String(deployment.desired);
  const n = Number(text);
  const problem =
    text.trim() === '' || !Number.isInteger(n)
      ? 'Enter a whole number'
      : n < 0
        ? 'At least 0'
        : n > maxReplicas
          ? `At most ${maxReplicas}`
          : null;

  const step = (d: number) =>
    setDraft(String(Math.min(maxReplicas, Math.max(0, (Number.isInteger(n) ? n : deployment.desired) + d))));

  function openHpaDialog(note: string | null) {
    setHpaNote(note);
    if (hpa) {
      setBounds({
        min: String(Math.max(1, Math.min(hpa.minReplicas, n || 1))),
        max: String(Math.max(hpa.maxReplicas, n)),
      });
    }
    setDialog('hpa');
  }

  async function scale(force: boolean) {
    setDialog(null);
    const r = await run(
      'scale',
      `Scaling ${deployment.name} failed`,
      () => scaleDeployment(namespace, deployment.name, n, force),
      (r) => ({
        tone: 'ok',
        title: `Scaled ${deployment.name} to ${r.replicas}`,
        detail: 'The pods follow in the live view.',
      }),
      (err) => {
        if (err.reason !== 'HpaManaged') return false;
        openHpaDialog(err.message);
        return true;
      },
    );
    if (r) setDraft(null);
  }

  async function changeBounds() {
    if (!hpa) return;
    setDialog(null);
    await run(
      'hpa',
      `Changing ${hpa.name}'s bounds failed`,
      () => setHpaBounds(namespace, hpa.name, Number(bounds.min), Number(bounds.max)),
      (r) => ({
        tone: 'ok',
        title: `${hpa.name} now scales between ${r.minReplicas} and ${r.maxReplicas}`,
        detail: 'The autoscaler moves the replicas at its next sync.',
      }),
    );
    setDraft(null);
  }

  function onScale() {
    if (hpa) openHpaDialog(null);
    else if (n === 0) setDialog('zero');
    else void scale(false);
  }

  const minN = Number(bounds.min);
  const maxN = Number(bounds.max);
  const boundsProblem = hpaBoundsProblem(minN, maxN, maxReplicas);

  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-center gap-1.5">
        <label htmlFor={`scale-${deployment.uid}`} className="text-sm font-medium">
          Replicas
        </label>
        <Button
          size="md"
          aria-label="one fewer replica"
          onClick={() => step(-1)}
          disabledReason={n <= 0 ? 'Already 0' : null}
          data-testid="scale-minus"
        >
          −
        </Button>
        <input
          id={`scale-${deployment.uid}`}
          type="number"
          inputMode="numeric"
          min={0}
          max={maxReplicas}
          step={1}
          value={text}
          onChange={(e) => setDraft(e.target.value)}
          data-testid="scale-input"
          className={`${inputClass} w-20`}
        />
        <Button
          size="md"
          aria-label="one more replica"
          onClick={() => step(1)}
          disabledReason={n >= maxReplicas ? `At most ${maxReplicas}` : null}
          data-testid="scale-plus"
        >
          +
        </Button>
        <GatedButton
          action="scale"
          variant="primary"
          onClick={onScale}
          disabledReason={busy ? 'Working…' : problem}
          data-testid="action-scale"
        >
          Scale
        </GatedButton>
        {hpa ? (
          <span className="text-xs text-slate-500">
            HPA {hpa.name}: {hpa.minReplicas}–{hpa.maxReplicas}
          </span>
        ) : null}
      </div>
      <OutcomeLine outcome={last} />

      <Confirm
        open={dialog === 'zero'}
        title={`Scale ${deployment.name} to 0?`}
        confirmLabel="Scale to 0"
        tone="danger"
        onConfirm={() => void scale(false)}
        onCancel={() => setDialog(null)}
      >
        <p>Every pod stops; the deployment serves nothing until it is scaled up again.</p>
      </Confirm>

      <Confirm
        open={dialog === 'hpa'}
        title="An autoscaler manages this deployment"
        confirmLabel={`Scale to ${n} anyway`}
        tone="danger"
        onConfirm={() => void scale(true)}
        onCancel={() => setDialog(null)}
        extra={
          hpa ? (
            <GatedButton
              action="hpaBounds"
              variant="primary"
              onClick={() => void changeBounds()}
              disabledReason={boundsProblem}
              data-testid="action-hpa-bounds"
            >
              Change HPA bounds
            </GatedButton>
          ) : null
        }
      >
        {hpa ? (
          <p>
            The HorizontalPodAutoscaler <b>{hpa.name}</b> keeps {deployment.name} between {hpa.minReplicas}{' '}
            and {hpa.maxReplicas} replicas and will undo a manual scale at its next sync. Change its bounds
            instead, or scale anyway.
          </p>
        ) : (
          <p>{hpaNote}</p>
        )}
        {hpa ? (
          <div className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-1">
              min
              <input
                type="number"
                min={1}
                value={bounds.min}
                onChange={(e) => setBounds((b) => ({ ...b, min: e.target.value }))}
                data-testid="hpa-min"
                className={`${inputClass} w-20`}
              />
            </label>
            <label className="flex items-center gap-1">
              max
              <input
                type="number"
                min={1}
                max={maxReplicas}
                value={bounds.max}
                onChange={(e) => setBounds((b) => ({ ...b, max: e.target.value }))}
                data-testid="hpa-max"
                className={`${inputClass} w-20`}
              />
            </label>
            {boundsProblem ? (
              <span className="text-xs text-amber-700 dark:text-amber-400">{boundsProblem}</span>
            ) : null}
          </div>
        ) : null}
      </Confirm>
    </div>
  );
}

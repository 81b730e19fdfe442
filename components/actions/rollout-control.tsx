'use client';

import { useState } from 'react';
import { restartDeployment, setImage, setVersion } from '@/lib/api/actions';
import type { DeploymentSummary } from '@/lib/models/types';
import { GatedButton } from './action-gate';
import { Confirm } from './confirm';
import { OutcomeLine } from './outcome-line';
import { useActionRunner } from './use-action';

const field =
  'h-9 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-900';
// The same shape the server accepts (lib/validation.ts), checked here only to say so early.
const IMAGE_HINT = /^[A-Za-z0-9][A-Za-z0-9._\-/:@]*$/;

/** Restart, and "roll out a new version": a new image, or a new value of the version env var. */
export function RolloutControl({
  namespace,
  deployment,
}: {
  namespace: string;
  deployment: DeploymentSummary;
}) {
  const { run, busy, last } = useActionRunner();
  const containers = deployment.containers;
  const [containerName, setContainerName] = useState(containers[0]?.name ?? '');
  const container = containers.find((c) => c.name === containerName) ?? containers[0];
  const canVersion = deployment.versionEnvName !== null;
  const [mode, setMode] = useState<'image' | 'version'>(canVersion ? 'version' : 'image');
  const [draft, setDraft] = useState<string | null>(null);
  const [dialog, setDialog] = useState<null | 'restart' | 'rollout'>(null);

  const current = mode === 'image' ? (container?.image ?? '') : (container?.versionEnv?.value ?? '');
  const value = (draft ?? current).trim();
  const problem = !container
    ? 'No container'
    : value === ''
      ? 'Enter a value'
      : value === current
        ? 'That is the current value'
        : mode === 'image' && !IMAGE_HINT.test(value)
          ? 'Not an image reference'
          : null;

  async function restart() {
    setDialog(null);
    await run(
      'restart',
      `Restarting ${deployment.name} failed`,
      () => restartDeployment(namespace, deployment.name),
      () => ({
        tone: 'ok',
        title: `Restarting ${deployment.name}`,
        detail: 'A new ReplicaSet replaces the pods, following the rolling-update settings.',
      }),
    );
  }

  async function rollout() {
    setDialog(null);
    if (!container) return;
    const r =
      mode === 'image'
        ? await run(
            'rollout',
            'Rolling out the image failed',
            () => setImage(namespace, deployment.name, container.name, value),
            (r) => ({
              tone: 'ok',
              title: `Rolling out ${r.image}`,
              detail: `${deployment.name}/${container.name} was ${r.previous ?? 'unknown'}; the rollout shows in the live view.`,
            }),
          )
        : await run(
            'rollout',
            'Rolling out the version failed',
            () => setVersion(namespace, deployment.name, container.name, value),
            (r) => ({
              tone: 'ok',
              title: `Rolling out ${r.env}=${r.value}`,
              detail: `was ${r.previous ?? '(unset)'}; the rollout shows in the live view.`,
            }),
          );
    if (r) setDraft(null);
  }

  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-center gap-1.5">
        <GatedButton
          action="restart"
          onClick={() => setDialog('restart')}
          disabledReason={busy ? 'Working…' : null}
          data-testid="action-restart"
        >
          Restart
        </GatedButton>
        <span className="mx-1 h-5 w-px bg-slate-200 dark:bg-slate-700" aria-hidden="true" />
        <label className="text-sm font-medium" htmlFor={`rollout-${deployment.uid}`}>
          New version
        </label>
        {canVersion && (
          <select
            aria-label="what to change"
            value={mode}
            onChange={(e) => {
              setMode(e.target.value as 'image' | 'version');
              setDraft(null);
            }}
            data-testid="rollout-mode"
            className={field}
          >
            <option value="version">{deployment.versionEnvName}</option>
            <option value="image">image</option>
          </select>
        )}
        {containers.length > 1 && (
          <select
            aria-label="container"
            value={containerName}
            onChange={(e) => setContainerName(e.target.value)}
            data-testid="rollout-container"
            className={field}
          >
            {containers.map((c) => (
              <option key={c.name}>{c.name}</option>
            ))}
          </select>
        )}
        <input
          id={`rollout-${deployment.uid}`}
          value={draft ?? current}
          onChange={(e) => setDraft(e.target.value)}
          spellCheck={false}
          data-testid="rollout-input"
          className={`${field} w-64 font-mono`}
        />
        <GatedButton
          action="rollout"
          variant="primary"
          onClick={() => setDialog('rollout')}
          disabledReason={busy ? 'Working…' : problem}
          data-testid="action-rollout"
        >
          Roll out
        </GatedButton>
      </div>
      <OutcomeLine outcome={last} />

      <Confirm
        open={dialog === 'restart'}
        title={`Restart ${deployment.name}?`}
        confirmLabel="Restart"
        onConfirm={() => void restart()}
        onCancel={() => setDialog(null)}
      >
        <p>
          Every pod is replaced by a new one ({deployment.strategy.type}
          {deployment.strategy.maxSurge ? `, max surge ${deployment.strategy.maxSurge}` : ''}
          {deployment.strategy.maxUnavailable
            ? `, max unavailable ${deployment.strategy.maxUnavailable}`
            : ''}
          ), as with <code>kubectl rollout restart</code>.
        </p>
      </Confirm>
      <Confirm
        open={dialog === 'rollout'}
        title={`Roll out a new version of ${deployment.name}?`}
        confirmLabel="Roll out"
        onConfirm={() => void rollout()}
        onCancel={() => setDialog(null)}
      >
        <p>
          {mode === 'image' ? 'Image' : deployment.versionEnvName} of <b>{container?.name}</b>:{' '}
          <code>{current || '(unset)'}</code> → <code>{value}</code>. The pods are replaced by a rolling
          update.
        </p>
      </Confirm>
    </div>
  );
}

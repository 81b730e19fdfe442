'use client';

import { useState } from 'react';
import { callPodEndpoint, deletePod } from '@/lib/api/actions';
import type { PodEndpoint, PodRow } from '@/lib/models/types';
import { ActionGate, GatedButton } from './action-gate';
import { Confirm } from './confirm';
import { OutcomeLine } from './outcome-line';
import { useActionRunner } from './use-action';

export interface PodActionsProps {
  namespace: string;
  pod: PodRow;
  /** the endpoints its deployment declares (DeploymentSummary.endpoints): each becomes a button */
  endpoints: readonly PodEndpoint[];
}

type Answer =
  | { endpoint: string; status: number; body: string; truncated: boolean }
  | { endpoint: string; error: string };

/** Delete the pod; call one of the endpoints its deployment declares (e.g. "Hang (liveness fails)"). */
export function PodActions({ namespace, pod, endpoints }: PodActionsProps) {
  return (
    <ActionGate namespace={namespace}>
      <PodActionButtons namespace={namespace} pod={pod} endpoints={endpoints} />
    </ActionGate>
  );
}

function PodActionButtons({ namespace, pod, endpoints }: PodActionsProps) {
  const { run, busy, last } = useActionRunner();
  const [confirm, setConfirm] = useState<
    null | { kind: 'delete' } | { kind: 'endpoint'; endpoint: PodEndpoint }
  >(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const working = busy ? 'Working…' : null;

  async function remove() {
    setConfirm(null);
    await run(
      'delete',
      `Deleting ${pod.name} failed`,
      () => deletePod(namespace, pod.name),
      () => ({
        tone: 'ok',
        title: `Deleting ${pod.name}`,
        detail: pod.owner
          ? `ReplicaSet ${pod.owner} creates a replacement.`
          : 'It has no controller: nothing replaces it.',
      }),
    );
  }

  async function call(e: PodEndpoint) {
    setConfirm(null);
    setAnswer(null);
    const r = await run(
      `endpoint-${e.id}`,
      `${e.label}: ${pod.name} did not take it`,
      () => callPodEndpoint(namespace, pod.name, e.id),
      (r) => ({
        tone: r.answer.status < 400 ? 'ok' : 'warn',
        title: `${e.label}: ${pod.name} answered HTTP ${r.answer.status}`,
        detail: r.answer.body.slice(0, 200),
      }),
      (err) => {
        setAnswer({ endpoint: e.id, error: err.message });
        return false; // and toast it as well
      },
    );
    if (r) setAnswer(r.answer);
  }

  return (
    <div className="flex flex-col items-start gap-1" data-testid="pod-actions">
      <div className="flex flex-wrap items-center gap-1">
        <GatedButton
          action="deletePod"
          size="sm"
          variant="danger"
          onClick={() => setConfirm({ kind: 'delete' })}
          disabledReason={working ?? (pod.deleting ? 'Already terminating' : null)}
          data-testid="action-delete-pod"
        >
          Delete
        </GatedButton>
        {endpoints.map((e) => (
          <GatedButton
            key={e.id}
            action="endpoint"
            quietReason={endpoints[0]?.id !== e.id}
            size="sm"
            onClick={() => setConfirm({ kind: 'endpoint', endpoint: e })}
            disabledReason={
              working ?? (pod.deleting ? 'The pod is terminating' : pod.ip ? null : 'The pod has no IP yet')
            }
            title={`GET ${e.path} on port ${e.port ?? pod.ports[0] ?? '?'} through the API server`}
            data-testid={`action-endpoint-${e.id}`}
          >
            {e.label}
          </GatedButton>
        ))}
      </div>
      {answer && (
        <div
          data-testid="endpoint-answer"
          className="max-w-md rounded-md bg-slate-50 px-2 py-1 text-xs dark:bg-slate-800"
        >
          {'error' in answer ? (
            <span className="text-red-700 dark:text-red-400">{answer.error}</span>
          ) : (
            <>
              <span className="font-medium">HTTP {answer.status}</span>{' '}
              <code className="break-all whitespace-pre-wrap">
                {answer.body}
                {answer.truncated ? '…' : ''}
              </code>
            </>
          )}
        </div>
      )}
      <OutcomeLine outcome={last} />

      <Confirm
        open={confirm?.kind === 'delete'}
        title={`Delete pod ${pod.name}?`}
        confirmLabel="Delete pod"
        tone="danger"
        onConfirm={() => void remove()}
        onCancel={() => setConfirm(null)}
      >
        <p>
          {pod.owner
            ? `Its ReplicaSet ${pod.owner} starts a replacement.`
            : 'No controller owns it: it will not come back.'}
        </p>
      </Confirm>
      <Confirm
        open={confirm?.kind === 'endpoint'}
        title={confirm?.kind === 'endpoint' ? `${confirm.endpoint.label} on ${pod.name}?` : ''}
        confirmLabel={confirm?.kind === 'endpoint' ? confirm.endpoint.label : 'Call'}
        tone="danger"
        onConfirm={() => confirm?.kind === 'endpoint' && void call(confirm.endpoint)}
        onCancel={() => setConfirm(null)}
      >
        {confirm?.kind === 'endpoint' && (
          <p>
            Podium sends <code>GET {confirm.endpoint.path}</code> to this pod through the API server. Watch
            its probes and restarts in the live view.
          </p>
        )}
      </Confirm>
    </div>
  );
}

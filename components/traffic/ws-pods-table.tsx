'use client';
import { useKind } from '@/lib/hooks/use-live';
import type { WsLoadRun } from '@/lib/models/traffic';
import type { DeploymentSummary } from '@/lib/models/types';
import { WS_CLOSE_KEYS, WS_CLOSE_TEXT, spreadRatio } from '@/lib/models/ws-load';
import { NumbersHead } from './traffic-controls';

const n = (v: number) => v.toLocaleString('en-US');

/** How the run's connections ended, by close code: 1001 is a pod going away, 1006 a cut connection. */
export function WsClosesRow({ run }: { run: WsLoadRun }) {
  return (
    <div className="flex flex-wrap gap-2 text-xs" data-testid="ws-closes">
      <span className="text-slate-500 dark:text-slate-400">Closed:</span>
      {WS_CLOSE_KEYS.map((k) => (
        <span
          key={k}
          className={`rounded px-1.5 py-0.5 tabular-nums ${
            run.closes[k] === 0
              ? 'bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400'
              : k === '1000'
                ? 'bg-emerald-50 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200'
                : 'bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100'
          }`}
          data-testid={`ws-close-${k}`}
          data-count={run.closes[k]}
        >
          {k === 'other' ? WS_CLOSE_TEXT.other : `${k} ${WS_CLOSE_TEXT[k]}`}: {n(run.closes[k])}
        </span>
      ))}
      {run.closedByApp > 0 ? (
        <span className="text-slate-500 dark:text-slate-400">({n(run.closedByApp)} closed by the app)</span>
      ) : null}
    </div>
  );
}

/**
 * The pod that took each connection (the demo app names itself in the handshake), with what became
 * of the pod since, and the Deployment's pods that got no connection at all: pods that became ready
 * after the clients connected receive none, since a connection is balanced once, when it opens.
 */
export function WsPodsTable({
  namespace,
  deployment,
  run,
}: {
  namespace: string;
  deployment: DeploymentSummary;
  run: WsLoadRun;
}) {
  const pods = useKind(namespace, 'pods') ?? [];
  const byName = new Map(pods.map((p) => [p.name, p]));
  const ours = pods.filter(
    (p) => p.podTemplateHash !== null && p.owner === `${deployment.name}-${p.podTemplateHash}`,
  );
  const seen = new Set(run.pods.map((p) => p.pod));
  const untouched = ours.filter((p) => !p.deleting && !seen.has(p.name));
  const spread = spreadRatio(run.pods, run.readyPods);
  if (run.pods.length === 0 && untouched.length === 0) return null;
  const state = (name: string) => {
    const p = byName.get(name);
    if (!p) return name.startsWith('(') ? '' : 'gone';
    if (p.deleting) return 'terminating';
    return p.ready ? 'ready' : 'not ready';
  };
  const cell = 'px-2 py-1';
  return (
    <div className="space-y-1">
      <table className="w-full text-sm" data-testid="ws-pods">
        <NumbersHead
          cellClassName={cell}
          columns={[
            'Pod',
            'Open',
            { label: 'Connections', title: 'connections this pod accepted during the run' },
            'Echoed',
            { label: '1001', title: 'closed with 1001 going away' },
            { label: '1006', title: 'cut without a close frame' },
            '',
          ]}
        />
        <tbody className="tabular-nums">
          {run.pods.map((p) => (
            <tr
              key={p.pod}
              className="border-t border-slate-100 dark:border-slate-800"
              data-testid="ws-pod"
              data-pod={p.pod}
              data-opened={p.opened}
              data-open={p.open}
              data-close-1001={p.closes['1001']}
            >
              <td className={`${cell} max-w-48 truncate font-mono text-xs`} title={p.pod}>
                {p.pod}
              </td>
              <td className={`${cell} text-right`}>{n(p.open)}</td>
              <td className={`${cell} text-right`}>{n(p.opened)}</td>
              <td className={`${cell} text-right`}>{n(p.echoed)}</td>
              <td className={`${cell} text-right`}>{n(p.closes['1001'])}</td>
              <td className={`${cell} text-right`}>{n(p.closes['1006'])}</td>
              <td className={`${cell} text-xs text-slate-500 dark:text-slate-400`}>{state(p.pod)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="ws-spread">
        {run.pods.length} pod{run.pods.length === 1 ? '' : 's'} took connections; {run.readyPods} were ready
        when the run began
        {spread !== null ? `; the busiest took ${spread.toFixed(2)}× its share of a perfect spread` : ''}.
        {untouched.length > 0 ? (
          <span data-testid="ws-untouched" data-count={untouched.length}>
            {' '}
            No connection on {untouched.length} pod{untouched.length === 1 ? '' : 's'} of {deployment.name} (
            {untouched
              .slice(0, 5)
              .map((p) => p.name)
              .join(', ')}
            {untouched.length > 5 ? ', …' : ''}): a connection stays where it was opened.
          </span>
        ) : null}
      </p>
    </div>
  );
}

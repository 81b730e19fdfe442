'use client';
import { useEffect, useState } from 'react';
import { useConnection } from '@/lib/hooks/use-live';
import type { LiveConnection } from '@/lib/hooks/use-live-stream';

export type IndicatorState = 'connecting' | 'live' | 'reconnecting' | 'unreachable';

/** One word for the whole data path: the browser's stream first, then the server's cluster status. */
export function indicatorState(conn: LiveConnection | undefined): IndicatorState {
  if (!conn || (conn.stream === 'connecting' && !conn.cluster)) return 'connecting';
  if (conn.stream === 'reconnecting') return 'reconnecting';
  const s = conn.cluster?.state ?? 'connecting';
  return s === 'live' || s === 'reconnecting' || s === 'unreachable' ? s : 'connecting';
}

const LOOK: Record<IndicatorState, { label: string; dot: string }> = {
  connecting: { label: 'Connecting…', dot: 'bg-slate-400' },
  live: { label: 'Live', dot: 'bg-green-500' },
  reconnecting: { label: 'Reconnecting…', dot: 'bg-amber-500 animate-pulse' },
  unreachable: { label: 'API unreachable', dot: 'bg-red-600' },
};

function age(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min` : `${Math.floor(s / 3600)} h`;
}

/** `compact`: the state word and dot only, for the projector's header where the data age does not fit. */
export function ConnectionIndicator({
  namespace,
  compact = false,
}: {
  namespace: string;
  compact?: boolean;
}) {
  const conn = useConnection(namespace);
  const state = indicatorState(conn);
  const live = state === 'live';
  const [now, setNow] = useState(() => Date.now());
  // the data's age ticks only while it is shown: a live page does not re-render every second
  useEffect(() => {
    if (live) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [live]);
  // While live, the watches deliver every change as it happens: the data is current even when the
  // namespace is quiet. Otherwise, say how old the last word from the API server is.
  const lastData = conn?.cluster?.lastEventAt ?? conn?.lastChangeAt ?? null;
  const detail = live ? 'up to date' : lastData ? `data ${age(now - lastData)} old` : null;
  const look = LOOK[state];
  return (
    <div
      data-testid="connection-indicator"
      data-state={state}
      role="status"
      aria-live="polite"
      title={conn?.cluster?.message ?? conn?.cluster?.source ?? ''}
      className="flex items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
    >
      <span className={`inline-block h-2.5 w-2.5 rounded-full ${look.dot}`} aria-hidden />
      <span className="font-medium">{look.label}</span>
      {detail && !compact && <span className="text-slate-500 dark:text-slate-400">· {detail}</span>}
    </div>
  );
}

/** The server's own words when the cluster is away: what was tried and what failed. */
export function ConnectionProblem({ namespace }: { namespace: string }) {
  const conn = useConnection(namespace);
  const state = indicatorState(conn);
  if (state === 'live' || state === 'connecting') return null;
  return (
    <div
      data-testid="connection-problem"
      className="border-b border-amber-300 bg-amber-50 px-6 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      {state === 'reconnecting' && conn?.stream === 'reconnecting'
        ? 'Lost the connection to the Podium server; retrying. What you see may be out of date.'
        : `${conn?.cluster?.message ?? 'The Kubernetes API does not answer.'} Retrying; what you see may be out of date.`}
      {conn?.cluster?.source && (
        <span className="ml-2 text-amber-700 dark:text-amber-300">(config: {conn.cluster.source})</span>
      )}
    </div>
  );
}

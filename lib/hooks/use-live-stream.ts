'use client';
import { useEffect } from 'react';
import { useSWRConfig, type ScopedMutator } from 'swr';
import { connectionKey, historyKey, kindErrorsKey, liveKey, trafficKey, usageKey } from '../api/keys';
import { subscribeLive } from '../live/connect';
import { createFrameBatcher } from '../live/frame-batch';
import type { StreamMessage, StreamPhase, TraceEntry } from '../live/protocol';
import { applyMessage, emptyState, joinChanges, type StreamState } from '../live/stream-state';
import type { ClusterStatus } from '../models/stream';
import { WATCHED_KINDS } from '../models/types';

/** What the connection indicator shows: the browser's stream and the server's view of the cluster. */
export interface LiveConnection {
  /** the browser's EventSource (shared by its tabs): connecting before the first open, reconnecting after an error */
  stream: StreamPhase;
  cluster: ClusterStatus | null;
  /** epoch ms of the last message from Podium's server (changes, snapshots, heartbeats) */
  lastMessageAt: number | null;
  /** epoch ms of the last change to the data itself */
  lastChangeAt: number | null;
}

/**
 * Joins the browser's live stream for a namespace (lib/live: a SharedWorker shared by every tab,
 * which replays the current state to a tab that joins), applies what arrives with the same reducer
 * the worker uses (lib/live/stream-state.ts: applyMessage, O(change)), and puts into the SWR cache
 * only the parts whose identity changed (no refetch: `revalidate: false`). Mount it once per page,
 * with the URL of the page's scope (lib/models/stream-scope.ts: streamScopeUrl).
 */
export function useLiveStream(namespace: string, url: string): void {
  const { mutate } = useSWRConfig();

  useEffect(() => {
    const touch = connectionToucher(mutate, namespace);
    void touch({ stream: 'connecting' });
    let state = emptyState();
    let queued: StreamMessage[] = [];
    let traced: TabTrace[] = [];
    // what arrived since the last write, applied as one batch at the next frame (lib/live/frame-batch.ts)
    const frames = createFrameBatcher(() => {
      const before = state;
      for (const msg of joinChanges(queued)) state = applyMessage(state, msg);
      queued = [];
      publish(mutate, namespace, before, state, touch);
      if (traced.length > 0) recordTraces(traced);
      traced = [];
    });
    const leave = subscribeLive(url, {
      phase: (stream) => void touch({ stream }),
      messages: (messages, traces) => {
        if (traces) {
          const tab = Date.now();
          for (const t of traces) traced.push({ ...t, tab, cache: 0 });
        }
        queued.push(...messages);
        // urgent: a pod this tab does not show yet, or one that is gone (the feed coalesces a new
        // pod's ADDED with what follows, so its type says MODIFIED as often as ADDED)
        const shown = state.kinds.pods?.byUid;
        let count = 0;
        let urgent = false;
        for (const m of messages) {
          if (m.event !== 'changes') count++;
          else {
            count += m.data.length;
            urgent ||= m.data.some(
              (c) => c.kind === 'pods' && (c.type === 'DELETED' || !shown?.has(c.object.uid)),
            );
          }
        }
        frames.add(count, urgent);
      },
    });
    return () => {
      frames.cancel();
      leave();
    };
  }, [namespace, url, mutate]);
}

/** What bench/freshness.ts reads: a traced change's hops, once the tab has written its cache. */
export interface TabTrace extends TraceEntry {
  /** the tab's receipt of the worker's message, and its cache write, epoch ms */
  tab: number;
  cache: number;
}

/** Only a page the bench prepared (an array at window.__podiumTiming) records; bounded. */
function recordTraces(traces: TabTrace[]): void {
  const log = (globalThis as { __podiumTiming?: TabTrace[] }).__podiumTiming;
  if (!Array.isArray(log) || log.length > 10_000) return;
  const cache = Date.now();
  for (const t of traces) log.push({ ...t, cache });
}

type Touch = (patch: Partial<LiveConnection>) => void;

function connectionToucher(mutate: ScopedMutator, namespace: string): Touch {
  return (patch) =>
    void mutate<LiveConnection>(
      connectionKey(namespace),
      (cur) => ({
        stream: 'connecting',
        cluster: null,
        lastMessageAt: null,
        lastChangeAt: null,
        ...cur,
        ...patch,
      }),
      { revalidate: false },
    );
}

/** The parts of the stream's state that changed identity, into the tab's cache: O(parts), not O(objects). */
function publish(mutate: ScopedMutator, ns: string, before: StreamState, after: StreamState, touch: Touch) {
  const put = (key: string, data: unknown) => void mutate(key, data, { revalidate: false });
  let changed = false;
  for (const kind of WATCHED_KINDS) {
    const next = after.kinds[kind];
    if (next && next !== before.kinds[kind]) {
      changed = true;
      put(liveKey(ns, kind), next);
    }
  }
  if (after.kindErrors !== before.kindErrors) {
    const messages = Object.fromEntries(Object.entries(after.kindErrors).map(([k, e]) => [k, e.message]));
    put(kindErrorsKey(ns), messages);
  }
  if (after.usage !== before.usage) put(usageKey(ns), after.usage);
  if (after.history !== before.history) put(historyKey(ns), after.history);
  if (after.traffic !== before.traffic) put(trafficKey(ns), after.traffic?.runs);
  const now = Date.now();
  touch({
    lastMessageAt: now,
    ...(changed ? { lastChangeAt: now } : {}),
    ...(after.status !== before.status ? { cluster: after.status } : {}),
  });
}

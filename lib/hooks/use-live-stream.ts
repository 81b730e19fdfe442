'use client';
import { useEffect } from 'react';
import { useSWRConfig, type ScopedMutator } from 'swr';
import { connectionKey, historyKey, kindErrorsKey, liveKey, trafficKey, usageKey } from '../api/keys';
import { subscribeLive } from '../live/connect';
import { streamUrl, type StreamMessage, type StreamPhase } from '../live/protocol';
import { appendPoint, groupByKind } from '../models/batch';
import { applyChanges, applySnapshot, type KindState } from '../models/reducer';
import { applyTraffic, type TrafficState } from '../models/traffic-reducer';
import type { ClusterStatus } from '../models/stream';
import type { AnySummary, HistoryPoint } from '../models/types';

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
 * Joins the browser's one live stream for a namespace (lib/live: a SharedWorker shared by every tab,
 * which replays the current state to a tab that joins) and applies what arrives to the SWR cache with
 * the pure reducers of lib/models/reducer.ts (no refetch: `revalidate: false`). Mount it once per page.
 */
export function useLiveStream(namespace: string, url = streamUrl(namespace)): void {
  const { mutate } = useSWRConfig();

  useEffect(() => {
    const touch = connectionToucher(mutate, namespace);
    void touch({ stream: 'connecting' });
    return subscribeLive(url, {
      phase: (stream) => void touch({ stream }),
      messages: (messages) => {
        for (const msg of messages) applyToCache(mutate, namespace, msg, touch);
      },
    });
  }, [namespace, url, mutate]);
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

/** One stream message into the tab's cache. */
function applyToCache(mutate: ScopedMutator, namespace: string, msg: StreamMessage, touch: Touch): void {
  const put = <T>(key: string, update: (cur: T | undefined) => T) =>
    void mutate<T>(key, update, { revalidate: false });
  const now = Date.now();
  switch (msg.event) {
    case 'snapshot': {
      // With the state it replaces, unchanged objects keep their identity, and a relist that changes
      // nothing leaves the cache, and every component reading it, as it was (SWR calls the updater
      // at once, so `changed` is known before the next line).
      let changed = false;
      put<KindState<AnySummary>>(liveKey(namespace, msg.data.kind), (cur) => {
        const next = applySnapshot(msg.data.items, cur);
        changed = next !== cur;
        return next;
      });
      return touch(changed ? { lastMessageAt: now, lastChangeAt: now } : { lastMessageAt: now });
    }
    case 'changes':
      for (const [kind, list] of groupByKind(msg.data)) {
        put<KindState<AnySummary>>(liveKey(namespace, kind), (cur) => applyChanges(cur ?? {}, list));
      }
      return touch({ lastMessageAt: now, lastChangeAt: now });
    case 'status':
      return touch({ cluster: msg.data, lastMessageAt: now });
    case 'usage':
      return put(usageKey(namespace), () => msg.data);
    case 'history':
      return put(historyKey(namespace), () => msg.data);
    case 'sample':
      return put<HistoryPoint[]>(historyKey(namespace), (cur) => appendPoint(cur ?? [], msg.data));
    case 'traffic':
      return put<TrafficState>(trafficKey(namespace), (cur) => applyTraffic(cur ?? {}, msg.data));
    case 'kindError':
      return put<Record<string, string>>(kindErrorsKey(namespace), (cur) => ({
        ...cur,
        [msg.data.kind]: msg.data.message,
      }));
  }
}

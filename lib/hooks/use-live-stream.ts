'use client';
import { useEffect } from 'react';
import { useSWRConfig } from 'swr';
import { connectionKey, historyKey, kindErrorsKey, liveKey, trafficKey, usageKey } from '../api/keys';
import { appendPoint, groupByKind } from '../models/batch';
import { applyChanges, applySnapshot, type KindState } from '../models/reducer';
import { applyTraffic, type TrafficState } from '../models/traffic-reducer';
import type { Change, ClusterStatus, Snapshot, StreamMessages } from '../models/stream';
import type { AnySummary, HistoryPoint, PodUsage } from '../models/types';

/** What the connection indicator shows: the browser's stream and the server's view of the cluster. */
export interface LiveConnection {
  /** the EventSource: connecting before the first open, reconnecting after an error */
  stream: 'connecting' | 'open' | 'reconnecting';
  cluster: ClusterStatus | null;
  /** epoch ms of the last message from Podium's server (changes, snapshots, heartbeats) */
  lastMessageAt: number | null;
  /** epoch ms of the last change to the data itself */
  lastChangeAt: number | null;
}

/**
 * Opens the tab's one live stream for a namespace and applies what arrives to the SWR cache with the
 * pure reducers of lib/models/reducer.ts (no refetch: `revalidate: false`). Mount it once per page.
 */
export function useLiveStream(
  namespace: string,
  url = `/api/stream?namespace=${encodeURIComponent(namespace)}`,
): void {
  const { mutate } = useSWRConfig();

  useEffect(() => {
    const conn = connectionKey(namespace);
    const touch = (patch: Partial<LiveConnection>) =>
      mutate<LiveConnection>(
        conn,
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
    void touch({ stream: 'connecting' });

    const es = new EventSource(url);
    const on = <E extends keyof StreamMessages>(event: E, handle: (data: StreamMessages[E]) => void) =>
      es.addEventListener(event, (e) =>
        handle(JSON.parse((e as MessageEvent<string>).data) as StreamMessages[E]),
      );

    es.onopen = () => void touch({ stream: 'open' });
    es.onerror = () => void touch({ stream: 'reconnecting' });

    on('snapshot', (s: Snapshot) => {
      // With the state it replaces, unchanged objects keep their identity, and a relist that changes
      // nothing leaves the cache, and every component reading it, as it was (SWR calls the updater
      // at once, so `changed` is known before the next line).
      let changed = false;
      void mutate<KindState<AnySummary>>(
        liveKey(namespace, s.kind),
        (cur) => {
          const next = applySnapshot(s.items, cur);
          changed = next !== cur;
          return next;
        },
        { revalidate: false },
      );
      const now = Date.now();
      void touch(changed ? { lastMessageAt: now, lastChangeAt: now } : { lastMessageAt: now });
    });
    on('changes', (changes: Change[]) => {
      for (const [kind, list] of groupByKind(changes)) {
        void mutate<KindState<AnySummary>>(liveKey(namespace, kind), (cur) => applyChanges(cur ?? {}, list), {
          revalidate: false,
        });
      }
      void touch({ lastMessageAt: Date.now(), lastChangeAt: Date.now() });
    });
    on('status', (cluster: ClusterStatus) => void touch({ cluster, lastMessageAt: Date.now() }));
    on('usage', (usage: PodUsage[]) => void mutate(usageKey(namespace), usage, { revalidate: false }));
    on(
      'history',
      (points: HistoryPoint[]) => void mutate(historyKey(namespace), points, { revalidate: false }),
    );
    on(
      'sample',
      (point: HistoryPoint) =>
        void mutate<HistoryPoint[]>(historyKey(namespace), (cur) => appendPoint(cur ?? [], point), {
          revalidate: false,
        }),
    );
    on(
      'traffic',
      (m) =>
        void mutate<TrafficState>(trafficKey(namespace), (cur) => applyTraffic(cur ?? {}, m), {
          revalidate: false,
        }),
    );
    on(
      'kindError',
      (err) =>
        void mutate<Record<string, string>>(
          kindErrorsKey(namespace),
          (cur) => ({ ...cur, [err.kind]: err.message }),
          { revalidate: false },
        ),
    );

    return () => es.close();
  }, [namespace, url, mutate]);
}

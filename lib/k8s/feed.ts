import 'server-only';
import { createScoper } from '../models/stream-scope';
import type { StreamScope } from '../models/stream-scope';
import type { Change, HubEvent, StreamEventName, StreamMessages } from '../models/stream';
import { WATCHED_KINDS, type AnySummary, type HistoryPoint, type WatchedKind } from '../models/types';
import { appendPoint } from '../models/batch';
import { createBatchWindow, SETTLE_MS } from '../models/batch-window';
import { subscribeHistory, type HistoryEvent } from './history';
import { subscribeUsage } from './metrics';
import { subscribe } from './watch-hub';

// One feed per stream scope (a namespace, one Deployment of it, or its overview), shared by every
// live stream that asks for that scope, whatever the number of viewers: the scope's filter runs once
// per hub event (lib/models/stream-scope.ts), changes are coalesced per object and batched once, and
// each message is serialized ONCE; its bytes go to every stream. A stream that joins late gets the
// scope's snapshots, serialized once per version of the scope and shared by every joiner until they
// grow stale, followed by the messages sent since they were made. Re-applying a message the snapshot
// already holds changes nothing (the reducer compares resourceVersions), so joiners need no lock.

/**
 * PODIUM_DEBUG_TIMING=1 (bench/freshness.ts only): each change sent carries when the hub received it
 * and when its batch was written (Change.trace), so the bench can time every hop to the page.
 */
const TRACE = process.env.PODIUM_DEBUG_TIMING === '1';
/** Past this many bytes of messages after the shared snapshots, the next joiner has them made anew. */
const MAX_LOG_BYTES = 4 * 2 ** 20;
/** ReplicaSets and pods first: a scope that filters pods by their owners needs the ReplicaSets first. */
const SUBSCRIBE_ORDER: WatchedKind[] = [
  'replicasets',
  'pods',
  ...WATCHED_KINDS.filter((k) => k !== 'replicasets' && k !== 'pods'),
];

const encoder = new TextEncoder();

/** One Server-Sent Event's bytes. */
export function encodeEvent<E extends StreamEventName>(event: E, data: StreamMessages[E]): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** A live stream's end of a feed: it receives bytes (shared with the other streams: never modify them). */
export type Sink = (bytes: Uint8Array) => void;

/** Where a feed's data come from: the watch hub, the usage poller and the history sampler. */
export interface FeedSources {
  subscribe(kind: WatchedKind, namespace: string, listener: (e: HubEvent) => void): () => void;
  subscribeUsage(namespace: string, listener: (usage: StreamMessages['usage']) => void): () => void;
  subscribeHistory(namespace: string, listener: (e: HistoryEvent) => void): () => void;
}

const realSources: FeedSources = { subscribe, subscribeUsage, subscribeHistory };

export interface FeedStats {
  /** feeds open now (one per scope with viewers) */
  feeds: number;
  /** streams joined to them */
  sinks: number;
  /** messages serialized, and how often their bytes were handed to a stream */
  serialized: number;
  delivered: number;
  /** times the joiners' snapshots were made */
  snapshotsMade: number;
}

export interface Feed {
  join(sink: Sink): () => void;
  readonly sinks: number;
  close(): void;
}

const stats = { serialized: 0, delivered: 0, snapshotsMade: 0 };

/** The feed of one scope. Exported for tests; streams use joinFeed. */
export function createFeed(scope: StreamScope, sources: FeedSources = realSources, onEmpty = () => {}): Feed {
  const { namespace } = scope;
  const scoper = createScoper(scope);
  const sinks = new Set<Sink>();
  /** what this scope has sent, per kind: the joiners' snapshots are made from it */
  const sent = new Map<WatchedKind, Map<string, AnySummary>>();
  const kindErrors = new Map<WatchedKind, StreamMessages['kindError']>();
  let usage: StreamMessages['usage'] | null = null;
  let history: HistoryPoint[] | null = null;
  /** the joiners' snapshots and the messages since; null when none is made or they grew stale */
  let joinerCache: { head: Uint8Array[]; log: Uint8Array[]; logBytes: number } | null = null;

  const broadcast = (bytes: Uint8Array) => {
    stats.serialized++;
    if (joinerCache) {
      joinerCache.log.push(bytes);
      joinerCache.logBytes += bytes.byteLength;
      if (joinerCache.logBytes > MAX_LOG_BYTES) joinerCache = null;
    }
    for (const sink of sinks) {
      stats.delivered++;
      sink(bytes);
    }
  };
  const send = <E extends StreamEventName>(event: E, data: StreamMessages[E]) =>
    broadcast(encodeEvent(event, data));

  // Pending changes, coalesced by uid: a pod that changed five times in one batch is sent once.
  // When: lib/models/batch-window.ts. A quiet scope's change goes after a short settle (30 ms, to
  // gather a burst's head: a scale, its ReplicaSet and the new pod); under churn the window grows
  // with the rate, up to one batch per 200 ms.
  const batchWindow = createBatchWindow({ settleMs: SETTLE_MS });
  let pending = new Map<string, Change>();
  /** with TRACE: when the hub received the first event of each pending change */
  let pendingAt = new Map<string, number>();
  let timer: NodeJS.Timeout | null = null;
  const flush = () => {
    timer = null;
    const now = Date.now();
    const traced = (key: string, c: Change): Change => ({
      ...c,
      trace: { hub: pendingAt.get(key) ?? now, write: now },
    });
    const changes = [
      ...(TRACE ? [...pending].map(([key, c]) => traced(key, c)) : pending.values()),
      ...scoper.due(),
    ];
    pending = new Map();
    pendingAt = new Map();
    if (changes.length === 0) return;
    batchWindow.sent(now);
    for (const c of changes) {
      let held = sent.get(c.kind);
      if (!held) sent.set(c.kind, (held = new Map()));
      if (c.type === 'DELETED') held.delete(c.object.uid);
      else held.set(c.object.uid, c.object);
    }
    send('changes', changes);
  };
  const schedule = (count: number) => {
    const wait = batchWindow.arrive(Date.now(), count);
    timer ??= setTimeout(flush, wait);
  };

  const unsubscribes: (() => void)[] = [];
  for (const kind of SUBSCRIBE_ORDER) {
    unsubscribes.push(
      sources.subscribe(kind, namespace, (e) => {
        const receivedAt = TRACE ? Date.now() : 0;
        if (e.type === 'error') {
          const err = { kind, status: e.status, message: e.message };
          kindErrors.set(kind, err);
          joinerCache = null;
          return send('kindError', err);
        }
        for (const out of scoper.accept(kind, e)) {
          if (out.type === 'snapshot') {
            for (const [k, c] of pending) {
              if (c.kind !== out.kind) continue;
              pending.delete(k);
              pendingAt.delete(k);
            }
            sent.set(out.kind, new Map(out.items.map((o) => [o.uid, o])));
            joinerCache = null;
            send('snapshot', { kind: out.kind, namespace, items: out.items });
          } else {
            for (const c of out.changes) {
              const key = `${c.kind}/${c.object.uid}`;
              pending.set(key, c);
              if (TRACE && !pendingAt.has(key)) pendingAt.set(key, receivedAt);
            }
            schedule(out.changes.length);
          }
        }
        if (scoper.hasDue) schedule(1);
      }),
    );
  }
  unsubscribes.push(
    sources.subscribeUsage(namespace, (list) => {
      const scoped = scoper.usage(list);
      if (!scoped) return;
      usage = scoped;
      send('usage', scoped);
    }),
  );
  unsubscribes.push(
    sources.subscribeHistory(namespace, (e) => {
      if (e.type === 'sample') {
        const point = scoper.historyPoint(e.point);
        if (!point) return;
        history = appendPoint(history ?? [], point);
        return send('sample', point);
      }
      const points = e.points.map(scoper.historyPoint);
      if (!points.every((p) => p !== null)) return;
      history = points;
      joinerCache = null;
      send('history', points);
    }),
  );

  /** The messages a stream joining now needs: made once, shared until they grow stale. */
  const joinerMessages = (): Uint8Array[] => {
    if (!joinerCache) {
      stats.snapshotsMade++;
      const head: Uint8Array[] = [];
      for (const kind of SUBSCRIBE_ORDER) {
        const held = sent.get(kind);
        if (held) head.push(encodeEvent('snapshot', { kind, namespace, items: [...held.values()] }));
        const err = kindErrors.get(kind);
        if (err) head.push(encodeEvent('kindError', err));
      }
      if (usage) head.push(encodeEvent('usage', usage));
      if (history) head.push(encodeEvent('history', history));
      joinerCache = { head, log: [], logBytes: 0 };
    }
    return [...joinerCache.head, ...joinerCache.log];
  };

  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    if (timer) clearTimeout(timer);
    for (const u of unsubscribes.splice(0)) u();
    sinks.clear();
  };

  return {
    join(sink) {
      for (const bytes of joinerMessages()) {
        stats.delivered++;
        sink(bytes);
      }
      sinks.add(sink);
      return () => {
        if (!sinks.delete(sink) || sinks.size > 0) return;
        close();
        onEmpty();
      };
    },
    get sinks() {
      return sinks.size;
    },
    close,
  };
}

const g = globalThis as typeof globalThis & { __podiumFeeds?: Map<string, Feed> };
const feeds = (g.__podiumFeeds ??= new Map());

/** A key per scope: the scope's own fields, in a fixed order. */
const scopeKey = (s: StreamScope) => JSON.stringify([s.namespace, s.deployment ?? null, s.view ?? null]);

/**
 * Joins the scope's feed (made by the first stream that asks, closed when the last one leaves: the
 * watch hub keeps its watches a while longer, so a reload finds them). Returns the leave function.
 */
export function joinFeed(scope: StreamScope, sink: Sink): () => void {
  const key = scopeKey(scope);
  let feed = feeds.get(key);
  if (!feed) {
    const made = createFeed(scope, realSources, () => {
      if (feeds.get(key) === made) feeds.delete(key);
    });
    feeds.set(key, (feed = made));
  }
  return feed.join(sink);
}

export function feedStats(): FeedStats {
  let sinks = 0;
  for (const f of feeds.values()) sinks += f.sinks;
  return { feeds: feeds.size, sinks, ...stats };
}

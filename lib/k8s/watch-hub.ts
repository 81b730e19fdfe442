import 'server-only';
import { Watch } from '@kubernetes/client-node';
import type { Change, HubEvent } from '../models/stream';
import type { AnySummary, KindSummaryMap, WatchedKind } from '../models/types';
import { getCluster } from './client';
import { K8sError, errorFromThrown } from './errors';
import { reportFailure, reportSuccess } from './health';
import { fetchPages, listAllPages } from './pager';
import { RESOURCES } from './resources';

// One shared list-then-watch per (kind, namespace) for the whole server process, fanned out to every
// open tab. It follows client-go's reflector: LIST (paged), then WATCH from the list's
// resourceVersion with bookmarks and a server-side timeout; relist on 410 Gone and after any error
// (so nothing stale survives an API server restart); jittered exponential backoff; an inactivity
// watchdog for silent connections. resourceVersions are opaque: only ever compared for equality.
// https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes

export type { HubEvent };
export type HubListener = (event: HubEvent) => void;

interface Informer {
  kind: WatchedKind;
  namespace: string;
  items: Map<string, AnySummary>;
  rv: string | null;
  synced: boolean;
  listeners: Set<HubListener>;
  abort: AbortController | null;
  stopped: boolean;
  stopTimer: NodeJS.Timeout | null;
  failures: number;
  wake: (() => void) | null;
  /** set by restartWatchFrom: the next watch uses this resourceVersion even though the old one aborted */
  forcedRv: string | null;
}

interface HubState {
  informers: Map<string, Informer>;
  /** lists: list responses (pages); expiredLists: lists that started over after 410 Expired */
  stats: { lists: number; expiredLists: number; watches: number; openWatches: number };
}

/** How long an informer outlives its last subscriber (a page reload should not relist). */
export const LINGER_MS = Number(process.env.PODIUM_WATCH_LINGER_MS ?? 30_000);
/** No byte for this long (bookmarks arrive about once a minute) means the connection is dead. */
const INACTIVITY_MS = 75_000;

const g = globalThis as typeof globalThis & { __podiumHub?: HubState };
const hub = (g.__podiumHub ??= {
  informers: new Map(),
  stats: { lists: 0, expiredLists: 0, watches: 0, openWatches: 0 },
});

export function hubStats() {
  return { informers: hub.informers.size, ...hub.stats };
}

/** Subscribe to one kind in one namespace: the listener gets a snapshot first, then changes. */
export function subscribe(kind: WatchedKind, namespace: string, listener: HubListener): () => void {
  const key = `${kind}/${namespace}`;
  let inf = hub.informers.get(key);
  if (!inf) {
    inf = {
      kind,
      namespace,
      items: new Map(),
      rv: null,
      synced: false,
      listeners: new Set(),
      abort: null,
      stopped: false,
      stopTimer: null,
      failures: 0,
      wake: null,
      forcedRv: null,
    };
    hub.informers.set(key, inf);
    void run(inf);
  }
  if (inf.stopTimer) clearTimeout(inf.stopTimer);
  inf.stopTimer = null;
  inf.listeners.add(listener);
  if (inf.synced) listener({ type: 'snapshot', items: [...inf.items.values()] });
  const informer = inf;
  return () => {
    informer.listeners.delete(listener);
    if (informer.listeners.size === 0 && !informer.stopTimer) {
      informer.stopTimer = setTimeout(() => stop(informer, key), LINGER_MS);
      informer.stopTimer.unref();
    }
  };
}

/** The current items of a running informer (for server-side readers such as the history sampler). */
export function currentItems<K extends WatchedKind>(kind: K, namespace: string): AnySummary[] | null {
  const inf = hub.informers.get(`${kind}/${namespace}`);
  return inf?.synced ? [...inf.items.values()] : null;
}

/**
 * Test hook: make a running informer's next watch start from `resourceVersion` (e.g. "1", long gone),
 * to show that a 410 Gone makes it relist.
 */
export function restartWatchFrom(kind: WatchedKind, namespace: string, resourceVersion: string): boolean {
  const inf = hub.informers.get(`${kind}/${namespace}`);
  if (!inf?.synced) return false;
  inf.rv = resourceVersion;
  inf.forcedRv = resourceVersion;
  inf.abort?.abort();
  return true;
}

function stop(inf: Informer, key: string) {
  inf.stopped = true;
  inf.abort?.abort();
  inf.wake?.();
  if (hub.informers.get(key) === inf) hub.informers.delete(key);
}

function emit(inf: Informer, event: HubEvent) {
  for (const l of inf.listeners) {
    try {
      l(event);
    } catch (err) {
      console.error(JSON.stringify({ msg: 'hub listener failed', kind: inf.kind, error: String(err) }));
    }
  }
}

async function run(inf: Informer) {
  while (!inf.stopped) {
    try {
      if (inf.rv === null) await relist(inf);
      if (inf.stopped) break;
      await watchOnce(inf);
    } catch (err) {
      if (inf.stopped) break;
      if (inf.forcedRv) {
        inf.rv = inf.forcedRv;
        inf.forcedRv = null;
        continue;
      }
      const gone = err instanceof K8sError && err.status === 410;
      inf.rv = null; // relist: after 410 it must, after other errors it is the safe resync
      if (gone) continue;
      inf.failures++;
      const e = errorFromThrown(err, getCluster().server);
      if (e.status === 404 && RESOURCES[inf.kind].optional) {
        // the CRD is not installed (yet): nothing to show, and no error to show either
        inf.items = new Map();
        inf.synced = true;
        emit(inf, { type: 'snapshot', items: [] });
        await sleep(inf, 60_000);
        continue;
      }
      if (e.status === 503) reportFailure(e);
      else emit(inf, { type: 'error', status: e.status, message: e.message });
      await sleep(inf, e.status === 403 || e.status === 401 ? 30_000 : backoff(inf.failures));
    }
  }
}

async function relist(inf: Informer) {
  const { path, summarize } = RESOURCES[inf.kind];
  inf.abort = new AbortController();
  // paged (lib/k8s/pager.ts): 500 objects a response, each page summarized as it arrives
  const fetch = fetchPages(path(inf.namespace), { signal: inf.abort.signal, what: `list ${inf.kind}` });
  const listed = await listAllPages(fetch, (raw) => summarize(raw as never) as AnySummary);
  hub.stats.lists += listed.pages;
  hub.stats.expiredLists += listed.restarts;
  inf.items = new Map(listed.items.map((s) => [s.uid, s]));
  inf.rv = listed.resourceVersion;
  inf.synced = true;
  inf.failures = 0;
  reportSuccess();
  emit(inf, { type: 'snapshot', items: listed.items });
}

/** One kind's summaries: the hub's copy when an informer runs, else one paged list. */
export async function listSummaries<K extends WatchedKind>(
  kind: K,
  namespace: string,
): Promise<KindSummaryMap[K][]> {
  const live = currentItems(kind, namespace);
  if (live) return live as KindSummaryMap[K][];
  const { path, summarize } = RESOURCES[kind];
  const fetch = fetchPages(path(namespace), { what: `list ${kind}` });
  const listed = await listAllPages(fetch, (raw) => summarize(raw as never) as KindSummaryMap[K]);
  return listed.items;
}

function watchOnce(inf: Informer): Promise<void> {
  const { path, summarize } = RESOURCES[inf.kind];
  const watch = new Watch(getCluster().kc);
  (watch as unknown as { requestTimeoutMs: number }).requestTimeoutMs = INACTIVITY_MS;
  hub.stats.watches++;
  return new Promise<void>((resolve, reject) => {
    let open = true;
    const finish = (err?: unknown) => {
      if (!open) return;
      open = false;
      hub.stats.openWatches--;
      if (err) reject(err);
      else resolve();
    };
    hub.stats.openWatches++;
    const query = {
      resourceVersion: inf.rv ?? undefined,
      allowWatchBookmarks: true,
      timeoutSeconds: 300 + Math.floor(Math.random() * 300),
    };
    watch
      .watch(
        path(inf.namespace),
        query,
        (type: string, obj: Record<string, unknown>) => {
          if (type === 'ERROR') {
            const status = obj as { code?: number; reason?: string; message?: string };
            return finish(
              new K8sError(status.code ?? 500, status.reason ?? 'Error', status.message ?? 'watch error'),
            );
          }
          const rv = (obj.metadata as { resourceVersion?: string } | undefined)?.resourceVersion;
          if (rv) inf.rv = rv;
          reportSuccess();
          if (type === 'BOOKMARK') return;
          const s = summarize(obj as never);
          const change = { kind: inf.kind, type, object: s } as Change;
          if (type === 'DELETED') inf.items.delete(s.uid);
          else inf.items.set(s.uid, s);
          emit(inf, { type: 'changes', changes: [change] });
        },
        (err: unknown) => {
          // A TimeoutError is our inactivity watchdog: reconnect from the same resourceVersion.
          if (err && (err as { name?: string }).name === 'TimeoutError') return finish();
          if (err && (err as { name?: string }).name === 'AbortError' && inf.stopped) return finish();
          const code = (err as { statusCode?: number } | null)?.statusCode;
          if (code) return finish(new K8sError(code, 'WatchFailed', `watch ${inf.kind}: HTTP ${code}`));
          finish(err ?? undefined);
        },
      )
      .then((ctrl) => {
        inf.abort = ctrl;
        if (inf.stopped) ctrl.abort();
      })
      .catch(finish);
  });
}

function backoff(failures: number): number {
  const base = Math.min(30_000, 500 * 2 ** Math.min(failures - 1, 6));
  return base / 2 + Math.random() * (base / 2);
}

function sleep(inf: Informer, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      inf.wake = null;
      resolve();
    }
    inf.wake = done;
  });
}

/** Stops every informer at once (process shutdown, end of a test file). */
export function stopAll(): void {
  for (const [key, inf] of hub.informers) {
    if (inf.stopTimer) clearTimeout(inf.stopTimer);
    stop(inf, key);
  }
}

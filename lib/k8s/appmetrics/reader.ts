import 'server-only';
import { parseExposition } from '../../models/appmetrics/exposition';
import { newRing, newestTime, pruneSeries, pushScrape, type PodRing } from '../../models/appmetrics/ring';
import type { PodRingView } from '../../models/appmetrics/assemble';
import { getCluster } from '../client';
import { K8sError, errorFromThrown } from '../errors';
import { scrapePod } from './scrape';
import { scrapeTargets, type ScrapeTarget } from './targets';

// The direct reader: the Deployments someone is viewing, each pod of them scraped once every
// SCRAPE_INTERVAL_MS however many viewers there are (one loop for the process, at most
// CONCURRENCY scrapes at a time), into a ring per pod of RING_CAPACITY scrapes (10 minutes).
// A Deployment nobody asked about for VIEWER_TTL_MS is dropped with its rings.

export const SCRAPE_INTERVAL_MS = Number(process.env.PODIUM_SCRAPE_INTERVAL_MS ?? 5_000);
export const VIEWER_TTL_MS = 15_000;
export const RING_CAPACITY = 120;
/** series kept per pod; the rest are dropped with a note */
export const MAX_SERIES = 2_000;
const CONCURRENCY = 8;

interface PodState {
  target: ScrapeTarget;
  ring: PodRing;
  /** the last scrape's failure or cut, for the panel */
  notes: string[];
  /** the pod is gone (a rollout replaced it): its samples stay on the chart until they age out */
  gone: boolean;
}

interface Watched {
  namespace: string;
  deployment: string;
  lastViewed: number;
  pods: Map<string, PodState>;
  /** pods of the Deployment, declared endpoint or not */
  podCount: number;
  error: string | null;
  /** the HTTP status of `error` (404: no such Deployment) */
  status: number;
  /** the first round, awaited by the first viewer */
  firstRound: Promise<void> | null;
}

interface ReaderState {
  watched: Map<string, Watched>;
  timer: NodeJS.Timeout | null;
  scrapes: number;
  running: boolean;
}

const g = globalThis as unknown as { __podiumAppMetrics?: ReaderState };
const state: ReaderState = (g.__podiumAppMetrics ??= {
  watched: new Map(),
  timer: null,
  scrapes: 0,
  running: false,
});

/** Scrapes done since the process started, and the Deployments read now (the bench reads them). */
export function readerStats() {
  return { scrapes: state.scrapes, deployments: state.watched.size };
}

async function inBatches<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function refreshTargets(w: Watched): Promise<ScrapeTarget[]> {
  try {
    const { targets, pods } = await scrapeTargets(w.namespace, w.deployment);
    w.error = null;
    w.status = 200;
    w.podCount = pods;
    const names = new Set(targets.map((t) => t.pod));
    const keepSince = Date.now() - RING_CAPACITY * SCRAPE_INTERVAL_MS;
    for (const [name, pod] of w.pods) {
      if (names.has(name)) continue;
      pod.gone = true;
      pod.notes = [];
      if ((newestTime(pod.ring) ?? 0) < keepSince) w.pods.delete(name);
    }
    return targets;
  } catch (err) {
    const e = errorFromThrown(err, getCluster().server);
    w.error = e.message;
    w.status = e.status;
    return [];
  }
}

async function scrapeOne(w: Watched, target: ScrapeTarget): Promise<void> {
  const pod = w.pods.get(target.pod) ?? {
    target,
    ring: newRing(RING_CAPACITY, MAX_SERIES),
    notes: [],
    gone: false,
  };
  pod.target = target;
  pod.gone = false;
  w.pods.set(target.pod, pod);
  const answer = await scrapePod(w.namespace, target);
  state.scrapes++;
  const t = Date.now();
  if (!answer.ok) {
    pod.notes = [answer.error];
    return;
  }
  const scrape = parseExposition(answer.text, { maxSeries: MAX_SERIES, cutAtBytes: answer.cutAtBytes });
  pushScrape(pod.ring, t, scrape);
  if (pod.ring.head === 0) pruneSeries(pod.ring);
  pod.notes = scrape.notes;
}

async function round(): Promise<void> {
  const now = Date.now();
  for (const [key, w] of state.watched) if (now - w.lastViewed > VIEWER_TTL_MS) state.watched.delete(key);
  const jobs: [Watched, ScrapeTarget][] = [];
  for (const w of state.watched.values()) for (const t of await refreshTargets(w)) jobs.push([w, t]);
  await inBatches(jobs, CONCURRENCY, ([w, t]) => scrapeOne(w, t));
}

function loop(): void {
  if (state.timer) return;
  const tick = () => {
    if (state.watched.size === 0) {
      state.timer = null;
      return;
    }
    state.running = true;
    void round()
      .catch(() => undefined)
      .finally(() => {
        state.running = false;
        state.timer = setTimeout(tick, SCRAPE_INTERVAL_MS);
        state.timer.unref?.();
      });
  };
  state.timer = setTimeout(tick, SCRAPE_INTERVAL_MS);
  state.timer.unref?.();
}

/** A viewer of this Deployment: registers it (or keeps it registered); the first viewer waits for one round. */
export async function viewDeployment(namespace: string, deployment: string): Promise<Watched> {
  const key = `${namespace}/${deployment}`;
  let w = state.watched.get(key);
  if (!w) {
    w = {
      namespace,
      deployment,
      lastViewed: Date.now(),
      pods: new Map(),
      podCount: 0,
      error: null,
      status: 200,
      firstRound: null,
    };
    state.watched.set(key, w);
    const fresh = w;
    fresh.firstRound = (async () => {
      await inBatches(await refreshTargets(fresh), CONCURRENCY, (t) => scrapeOne(fresh, t));
    })();
    loop();
  }
  w.lastViewed = Date.now();
  await w.firstRound;
  if (w.status === 404 || w.status === 403) {
    state.watched.delete(key);
    throw new K8sError(w.status, w.status === 404 ? 'NoSuchDeployment' : 'Forbidden', w.error ?? 'not found');
  }
  return w;
}

export function ringViews(w: Watched): PodRingView[] {
  return [...w.pods.values()].map((p) => ({
    pod: p.target.pod,
    version: p.target.version,
    deployment: w.deployment,
    ring: p.ring,
  }));
}

/** What the panel should say about this Deployment's scrapes: failures, cuts, caps, no target. */
export function readerNotes(w: Watched): string[] {
  const notes: string[] = [];
  if (w.error) notes.push(w.error);
  else if (![...w.pods.values()].some((p) => !p.gone))
    notes.push(
      w.podCount === 0
        ? `deployment ${w.deployment} has no running pod`
        : `no pod of ${w.deployment} declares a metrics endpoint (annotation prometheus.io/scrape: "true", with prometheus.io/port and prometheus.io/path)`,
    );
  for (const p of w.pods.values()) for (const n of p.notes) notes.push(`pod ${p.target.pod}: ${n}`);
  return notes.slice(0, 20);
}

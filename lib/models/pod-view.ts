// The pods of a view as the grid and the table show them: the look of a pod (one word per colour),
// filters and sort (kept in the page's URL, so a view can be shared), groups per ReplicaSet with
// their counts, and tiles cut into rows for the virtualised grid. Pure and React-free: the browser
// and the server (the overview's per-deployment counts) share it.
import { byCreation } from './reducer';
import type { PodCounts, PodRow, ReplicaSetSummary } from './types';

/** How a pod looks on screen: one word per colour. */
export type PodLook = keyof PodCounts['byLook'];
export const POD_LOOKS: readonly PodLook[] = ['ready', 'starting', 'failing', 'terminating', 'done'];

const FAILING =
  /BackOff|Err|Error|OOMKilled|Failed|Evicted|ExitCode|Signal|Unknown|NodeLost|Invalid|DeadlineExceeded/;

/** kubectl's STATUS word plus readiness -> the colour family of a tile or badge. */
export function podLook(pod: Pick<PodRow, 'status' | 'ready' | 'deleting'>): PodLook {
  if (pod.deleting || pod.status === 'Terminating') return 'terminating';
  // most pods, at once: counting 10,000 of them runs this for each at every write
  if (pod.status === 'Running') return pod.ready ? 'ready' : 'starting';
  if (FAILING.test(pod.status)) return 'failing';
  if (pod.status === 'Completed' || pod.status === 'Succeeded') return 'done';
  return 'starting';
}

/** "web-7d9f8b6c5d-x2k4p" -> "x2k4p": the part that tells sibling pods apart. */
export function shortPodName(name: string): string {
  const i = name.lastIndexOf('-');
  return i >= 0 && i < name.length - 1 ? name.slice(i + 1) : name;
}

/**
 * Oldest first, then by name: a stable order that does not jump while pods change status. String
 * comparison (byCreation): no Date.parse per comparison, of which a 10,000-pod sort makes 130,000.
 */
export const comparePods: (
  a: Pick<PodRow, 'createdAt' | 'name'>,
  b: Pick<PodRow, 'createdAt' | 'name'>,
) => number = byCreation;

export function sortPods<T extends Pick<PodRow, 'createdAt' | 'name'>>(pods: readonly T[]): T[] {
  return [...pods].sort(comparePods);
}

// ---- filters and sort, as the URL carries them ----------------------------------------------------

export const POD_SORTS = ['age', 'name', 'status', 'restarts', 'node'] as const;
export type PodSort = (typeof POD_SORTS)[number];
export const POD_PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'] as const;
export type ReadyFilter = 'ready' | 'not-ready';

export interface PodQuery {
  /** status.phase, exactly */
  phase: string | null;
  ready: ReadyFilter | null;
  /** node name; "" = not scheduled yet */
  node: string | null;
  /** a piece of the pod's name, node, IP or status, case-insensitive */
  text: string;
  sort: PodSort;
  desc: boolean;
}

export const DEFAULT_POD_QUERY: PodQuery = {
  phase: null,
  ready: null,
  node: null,
  text: '',
  sort: 'age',
  desc: false,
};

/** The URL's names for PodQuery's fields. */
const PARAM = {
  phase: 'phase',
  ready: 'ready',
  node: 'node',
  text: 'q',
  sort: 'sort',
  desc: 'desc',
} as const;

/**
 * The pod query a URL asks for. Lenient, as a shared link should be: an unknown phase, sort or
 * ready value is dropped (the view shows everything) rather than breaking the page.
 */
export function parsePodQuery(params: { get(name: string): string | null }): PodQuery {
  const phase = params.get(PARAM.phase);
  const ready = params.get(PARAM.ready);
  const sort = params.get(PARAM.sort);
  const node = params.get(PARAM.node);
  return {
    phase: phase && (POD_PHASES as readonly string[]).includes(phase) ? phase : null,
    ready: ready === 'ready' || ready === 'not-ready' ? ready : null,
    node: node !== null && node.length <= 253 ? node : null,
    text: (params.get(PARAM.text) ?? '').slice(0, 100),
    sort: sort && (POD_SORTS as readonly string[]).includes(sort) ? (sort as PodSort) : 'age',
    desc: params.get(PARAM.desc) === '1',
  };
}

/** `base` with the query's parameters set (defaults left out), every other parameter kept. */
export function podQueryParams(query: PodQuery, base = ''): URLSearchParams {
  const out = new URLSearchParams(base);
  const set = (name: string, value: string | null) => (value ? out.set(name, value) : out.delete(name));
  set(PARAM.phase, query.phase);
  set(PARAM.ready, query.ready);
  if (query.node === null) out.delete(PARAM.node);
  else out.set(PARAM.node, query.node);
  set(PARAM.text, query.text.trim() || null);
  set(PARAM.sort, query.sort === 'age' ? null : query.sort);
  set(PARAM.desc, query.desc ? '1' : null);
  return out;
}

export function isFiltered(query: PodQuery): boolean {
  return query.phase !== null || query.ready !== null || query.node !== null || query.text.trim() !== '';
}

export function matchesPodQuery(pod: PodRow, query: PodQuery, text = query.text.trim().toLowerCase()) {
  if (query.phase !== null && pod.phase !== query.phase) return false;
  if (query.ready === 'ready' && !pod.ready) return false;
  if (query.ready === 'not-ready' && pod.ready) return false;
  if (query.node !== null && (pod.node ?? '') !== query.node) return false;
  if (text) {
    const hay = `${pod.name} ${pod.status} ${pod.node ?? ''} ${pod.ip ?? ''}`.toLowerCase();
    if (!hay.includes(text)) return false;
  }
  return true;
}

const BY: Record<PodSort, (a: PodRow, b: PodRow) => number> = {
  age: comparePods,
  name: (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  status: (a, b) => POD_LOOKS.indexOf(podLook(b)) - POD_LOOKS.indexOf(podLook(a)) || cmp(a.status, b.status),
  restarts: (a, b) => a.restarts - b.restarts,
  node: (a, b) => cmp(a.node ?? '', b.node ?? ''),
};

function isSorted<T>(items: readonly T[], compare: (a: T, b: T) => number): boolean {
  for (let i = 1; i < items.length; i++) if (compare(items[i - 1]!, items[i]!) > 0) return false;
  return true;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The pods the query keeps, in its order; ties fall back to oldest first, so rows never jump. */
export function queryPods(pods: readonly PodRow[], query: PodQuery): readonly PodRow[] {
  // the page's default view of pods already oldest first (the live store keeps them so): the same
  // list, no copy and no sort, checked in one pass (10,000 pods at every write under churn)
  if (!isFiltered(query) && query.sort === 'age' && !query.desc && isSorted(pods, comparePods)) return pods;
  const text = query.text.trim().toLowerCase();
  const kept = isFiltered(query) ? pods.filter((p) => matchesPodQuery(p, query, text)) : [...pods];
  const by = BY[query.sort];
  const sign = query.desc ? -1 : 1;
  return kept.sort((a, b) => sign * by(a, b) || comparePods(a, b));
}

/** What the filter menus offer: each phase and node present, with how many pods it has. */
export interface PodFacets {
  phases: [string, number][];
  nodes: [string, number][];
}

export function podFacets(pods: readonly PodRow[]): PodFacets {
  const phases = new Map<string, number>();
  const nodes = new Map<string, number>();
  for (const p of pods) {
    phases.set(p.phase, (phases.get(p.phase) ?? 0) + 1);
    const node = p.node ?? '';
    nodes.set(node, (nodes.get(node) ?? 0) + 1);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => cmp(a[0], b[0]));
  return { phases: sorted(phases), nodes: sorted(nodes) };
}

// ---- groups per ReplicaSet and their counts ------------------------------------------------------

export interface PodGroup {
  /** the owner name, or "" for pods without an owning ReplicaSet */
  key: string;
  replicaSet: ReplicaSetSummary | null;
  pods: PodRow[];
}

/**
 * Pods by owning ReplicaSet, newest revision first (the new RS above the old one during a
 * rollout); groups without a known revision follow, by name. Pods keep the order they came in,
 * so sort (or query) them first.
 */
export function groupPodsByReplicaSet(
  pods: readonly PodRow[],
  replicaSets: readonly ReplicaSetSummary[] = [],
): PodGroup[] {
  const byName = new Map(replicaSets.map((rs) => [rs.name, rs]));
  const groups = new Map<string, PodGroup>();
  for (const pod of pods) {
    const key = pod.owner ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { key, replicaSet: byName.get(key) ?? null, pods: [] };
      groups.set(key, group);
    }
    group.pods.push(pod);
  }
  const revision = (g: PodGroup) => g.replicaSet?.revision ?? -1;
  return [...groups.values()].sort((a, b) => revision(b) - revision(a) || cmp(a.key, b.key));
}

/** Pods by node, by node name; pods not scheduled yet ("") last. Pods keep the order they came in. */
export function groupPodsByNode(pods: readonly PodRow[]): PodGroup[] {
  const groups = new Map<string, PodGroup>();
  for (const pod of pods) {
    const key = pod.node ?? '';
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, replicaSet: null, pods: [] }));
    group.pods.push(pod);
  }
  return [...groups.values()].sort((a, b) => (a.key === '' ? 1 : b.key === '' ? -1 : cmp(a.key, b.key)));
}

/** Beyond this many pods the grid shows one summary block per ReplicaSet instead of every tile. */
export const GROUP_THRESHOLD = 200;

export function emptyCounts(): PodCounts {
  return {
    total: 0,
    ready: 0,
    restarts: 0,
    restarted: 0,
    byLook: { ready: 0, starting: 0, failing: 0, terminating: 0, done: 0 },
    byPhase: {},
  };
}

export function addToCounts(counts: PodCounts, pod: PodRow): PodCounts {
  counts.total++;
  if (pod.ready) counts.ready++;
  counts.restarts += pod.restarts;
  if (pod.restarts > 0) counts.restarted++;
  counts.byLook[podLook(pod)]++;
  counts.byPhase[pod.phase] = (counts.byPhase[pod.phase] ?? 0) + 1;
  return counts;
}

/** The inverse of addToCounts for the same pod row (the version that was added). */
export function removeFromCounts(counts: PodCounts, pod: PodRow): PodCounts {
  counts.total--;
  if (pod.ready) counts.ready--;
  counts.restarts -= pod.restarts;
  if (pod.restarts > 0) counts.restarted--;
  counts.byLook[podLook(pod)]--;
  const left = (counts.byPhase[pod.phase] ?? 0) - 1;
  if (left > 0) counts.byPhase[pod.phase] = left;
  else delete counts.byPhase[pod.phase];
  return counts;
}

export function countPods(pods: readonly PodRow[]): PodCounts {
  return pods.reduce(addToCounts, emptyCounts());
}

/** A copy that shares nothing with `c`: a counter keeps counting into its own objects. */
export const copyCounts = (c: PodCounts): PodCounts => ({
  ...c,
  byLook: { ...c.byLook },
  byPhase: { ...c.byPhase },
});

/**
 * countPods for a list that changes a few pods at a time (a summary block under churn): the live
 * store keeps each unchanged pod's object, so a new list of the same length is compared with the
 * last one by identity, slot by slot, and only the pods that changed are taken out of the counts
 * and added again. A list of another length (pods came or went) is counted afresh. Each call
 * returns a new PodCounts; the one it keeps is its own.
 */
export class PodListCounter {
  private last: readonly PodRow[] = [];
  private counts: PodCounts = emptyCounts();

  count(pods: readonly PodRow[]): PodCounts {
    const last = this.last;
    if (pods !== last) {
      if (pods.length !== last.length) this.counts = countPods(pods);
      else
        for (let i = 0; i < pods.length; i++) {
          const before = last[i]!;
          const now = pods[i]!;
          if (before === now) continue;
          removeFromCounts(this.counts, before);
          addToCounts(this.counts, now);
        }
      this.last = pods;
    }
    return copyCounts(this.counts);
  }
}

/** "9,980 ready · 12 starting · 8 failing" — the non-zero looks, biggest first. */
export function describeCounts(counts: PodCounts): string {
  const parts = POD_LOOKS.filter((l) => counts.byLook[l] > 0)
    .sort((a, b) => counts.byLook[b] - counts.byLook[a])
    .map((l) => `${counts.byLook[l].toLocaleString('en-US')} ${l === 'done' ? 'completed' : l}`);
  return parts.join(' · ') || 'no pods';
}

/** Items cut into rows of `columns` (at least 1): the virtualised grid renders rows. */
export function toRows<T>(items: readonly T[], columns: number): T[][] {
  const n = Math.max(1, Math.floor(columns));
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += n) rows.push(items.slice(i, i + n));
  return rows;
}

/**
 * Which pods restarted since the last look: `update` returns the uids whose restart count went up.
 * Pods seen for the first time never count as restarted. It keeps one count per pod and updates it
 * in place, so a look at 10,000 pods is a lookup each and no new map (the grid looks at every
 * write); the pods that left are forgotten once they outnumber the pods shown (uids never return).
 */
export class RestartWatch {
  private readonly counts = new Map<string, number>();

  update(pods: readonly Pick<PodRow, 'uid' | 'restarts'>[]): string[] {
    const increased: string[] = [];
    for (const pod of pods) {
      const before = this.counts.get(pod.uid);
      if (before === pod.restarts) continue;
      if (before !== undefined && pod.restarts > before) increased.push(pod.uid);
      this.counts.set(pod.uid, pod.restarts);
    }
    if (this.counts.size > 2 * pods.length + 64) {
      const shown = new Set(pods.map((p) => p.uid));
      for (const uid of this.counts.keys()) if (!shown.has(uid)) this.counts.delete(uid);
    }
    return increased;
  }

  /** how many pods it remembers (the tests check that those gone are forgotten) */
  get size(): number {
    return this.counts.size;
  }
}

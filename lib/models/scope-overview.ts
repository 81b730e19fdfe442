// The overview's scope (lib/models/stream-scope.ts): every Deployment with its pods counted on the
// server (DeploymentSummary.podCounts); the pods themselves only while the namespace has at most
// OVERVIEW_POD_LIMIT of them (the canary panels read them); no pod events, usage or history, which
// the overview does not show. The counts follow each pod change (take the pod's old row out, put
// the new one in: O(change)), and are counted whole again only when which ReplicaSet belongs to
// which Deployment changed: a new or deleted ReplicaSet, not the status updates of a rollout.
import { addToCounts, copyCounts, emptyCounts, removeFromCounts } from './pod-view';
import { changesOut, deploymentOfPod, Tracked, type ScopedOutput } from './scope-tracked';
import type { Scoper } from './stream-scope';
import type { Change, HubData } from './stream';
import type { AnySummary, DeploymentSummary, EventRow, PodCounts, PodRow, ReplicaSetSummary } from './types';

/** Up to this many pods in the namespace, the overview's stream sends them too. */
export const OVERVIEW_POD_LIMIT = 500;

/** Every Deployment's pods counted, by ownerReferences (pod → ReplicaSet → Deployment). */
export function podCountsByDeployment(
  pods: Iterable<PodRow>,
  replicaSets: Iterable<ReplicaSetSummary>,
): Map<string, PodCounts> {
  const counter = new PodCounter();
  counter.recount(pods, replicaSets);
  return counter.counts;
}

/** A deployment as the overview's stream sends it: with its pods counted, and a version to match. */
export function withPodCounts(d: DeploymentSummary, counts: PodCounts | undefined): DeploymentSummary {
  const podCounts = counts ? copyCounts(counts) : emptyCounts();
  // The summary's version, compared only for equality (lib/models/reducer.ts): the object's own,
  // plus the counts, so a restart that leaves the Deployment object alone still reaches the page.
  const key = `${podCounts.total}/${podCounts.ready}/${podCounts.restarts}/${Object.values(podCounts.byLook).join('.')}`;
  return { ...d, podCounts, resourceVersion: `${d.resourceVersion}+${key}` };
}

/** The pods of each Deployment counted, kept as pods come and go (one list's counts: PodListCounter in ./pod-view.ts). */
export class PodCounter {
  readonly counts = new Map<string, PodCounts>();
  /** each counted pod's row as counted, and its Deployment */
  private counted = new Map<string, { deployment: string; pod: PodRow }>();
  private owners = new Map<string, string | null>();

  /** Counts every pod again (a snapshot, or ReplicaSets that changed hands). */
  recount(pods: Iterable<PodRow>, replicaSets: Iterable<ReplicaSetSummary>): void {
    this.owners = new Map([...replicaSets].map((r) => [r.name, r.owner]));
    this.counts.clear();
    this.counted.clear();
    for (const pod of pods) this.put(pod);
  }

  /** True when the ReplicaSets' owners differ from the ones counted with. */
  ownersChanged(replicaSets: ReadonlyMap<string, ReplicaSetSummary>): boolean {
    if (replicaSets.size !== this.owners.size) return true;
    for (const r of replicaSets.values()) if (this.owners.get(r.name) !== r.owner) return true;
    return false;
  }

  /** One pod change; returns the Deployments whose counts moved. */
  apply(change: Change): string[] {
    const pod = change.object as PodRow;
    const was = this.take(pod.uid);
    const now = change.type === 'DELETED' ? null : this.put(pod);
    return [...new Set([was, now].filter((d): d is string => d !== null))];
  }

  private take(uid: string): string | null {
    const held = this.counted.get(uid);
    if (!held) return null;
    this.counted.delete(uid);
    removeFromCounts(this.counts.get(held.deployment)!, held.pod);
    return held.deployment;
  }

  private put(pod: PodRow): string | null {
    const deployment = deploymentOfPod(pod, this.owners);
    if (!deployment) return null;
    let c = this.counts.get(deployment);
    if (!c) this.counts.set(deployment, (c = emptyCounts()));
    addToCounts(c, pod);
    this.counted.set(pod.uid, { deployment, pod });
    return deployment;
  }
}

export function overviewScoper(): Scoper {
  const deployments = new Tracked<DeploymentSummary>();
  const rs = new Tracked<ReplicaSetSummary>();
  const pods = new Tracked<PodRow>();
  const counter = new PodCounter();
  /** each deployment as this stream last sent it */
  let sentDeployments = new Map<string, DeploymentSummary>();
  /** Deployments (by name) to send again at the next flush; null: all of them */
  let dirty: Set<string> | null = new Set();
  let podsShown = false;

  const counted = () => pods.synced && rs.synced;
  // before the pods are known, deployments go without counts (the card says so) rather than "0 pods"
  const withCounts = (d: DeploymentSummary) => (counted() ? withPodCounts(d, counter.counts.get(d.name)) : d);
  const markAll = () => (dirty = null);
  const mark = (names: Iterable<string>) => {
    if (dirty) for (const n of names) dirty.add(n);
  };

  const podsOut = (event: HubData): ScopedOutput[] => {
    const small = pods.all.size <= OVERVIEW_POD_LIMIT;
    if (small && podsShown && event.type === 'changes') return changesOut(event.changes);
    if (small && (!podsShown || event.type === 'snapshot')) {
      podsShown = true;
      return [{ type: 'snapshot', kind: 'pods', items: [...pods.all.values()] }];
    }
    // large: the page gets the counts only; an empty snapshot takes back the pods it had
    if (podsShown || event.type === 'snapshot') {
      podsShown = false;
      return [{ type: 'snapshot', kind: 'pods', items: [] }];
    }
    return [];
  };

  const scoper: Scoper = {
    accept(kind, event) {
      if (kind === 'deployments') {
        deployments.store(event);
        if (event.type === 'changes') {
          mark(event.changes.map((c) => (c.object as DeploymentSummary).name));
          return []; // sent by due(), with their counts, once per batch
        }
        const items = [...deployments.all.values()].map(withCounts);
        sentDeployments = new Map(items.map((d) => [d.uid, d]));
        dirty = new Set();
        return [{ type: 'snapshot', kind, items }];
      }
      if (kind === 'replicasets') {
        rs.store(event);
        if (counted() && counter.ownersChanged(new Map([...rs.all.values()].map((r) => [r.name, r])))) {
          counter.recount(pods.all.values(), rs.all.values());
          markAll();
        }
        return [event.type === 'snapshot' ? { type: 'snapshot', kind, items: event.items } : event];
      }
      if (kind === 'pods') {
        pods.store(event);
        if (event.type === 'snapshot' || !rs.synced) {
          if (counted()) counter.recount(pods.all.values(), rs.all.values());
          markAll();
        } else for (const c of event.changes) mark(counter.apply(c));
        return podsOut(event);
      }
      if (kind === 'events') {
        const notPod = (e: AnySummary) => (e as EventRow).involved.kind !== 'Pod';
        if (event.type === 'snapshot') return [{ type: 'snapshot', kind, items: event.items.filter(notPod) }];
        return changesOut(event.changes.filter((c) => notPod(c.object)));
      }
      return [event.type === 'snapshot' ? { type: 'snapshot', kind, items: event.items } : event];
    },
    get hasDue() {
      return (dirty === null || dirty.size > 0) && deployments.synced;
    },
    due() {
      if (!scoper.hasDue) return [];
      const names = dirty;
      dirty = new Set();
      const out: Change[] = [];
      const next = new Map(sentDeployments);
      // O(Deployments) per batch at most, never O(pods)
      for (const d of deployments.all.values()) {
        if (names && !names.has(d.name)) continue;
        const now = withCounts(d);
        const before = sentDeployments.get(d.uid);
        next.set(d.uid, now);
        if (before?.resourceVersion !== now.resourceVersion)
          out.push({ kind: 'deployments', type: before === undefined ? 'ADDED' : 'MODIFIED', object: now });
      }
      for (const [uid, d] of sentDeployments) {
        if (!deployments.all.has(uid)) {
          next.delete(uid);
          out.push({ kind: 'deployments', type: 'DELETED', object: d });
        }
      }
      sentDeployments = next;
      return out;
    },
    usage: () => null,
    historyPoint: () => null,
  };
  return scoper;
}

// What one live stream sends, sized for the page that opened it. The server keeps ONE watch per
// (kind, namespace) whatever the pages (lib/k8s/watch-hub.ts); a scope is only a filter on the
// fan-out to one stream:
//   - the namespace (no scope): everything, as before; the lessons need it;
//   - one Deployment (`deployment=web`): its ReplicaSets, its pods and their events, found through
//     ownerReferences (pod → ReplicaSet → Deployment); every other kind as is;
//   - the overview (`view=overview`): every Deployment with its pods counted on the server
//     (DeploymentSummary.podCounts); the pods themselves only while the namespace has at most
//     OVERVIEW_POD_LIMIT of them (the canary panels read them); no pod events, usage or history,
//     which the overview does not show.
// Pure and stateful per stream: the route feeds it the hub's events and sends what it returns.
import { addToCounts, emptyCounts } from './pod-view';
import type { Change, HubData } from './stream';
import type {
  AnySummary,
  DeploymentSummary,
  EventRow,
  HistoryPoint,
  PodCounts,
  PodRow,
  PodUsage,
  ReplicaSetSummary,
  WatchedKind,
} from './types';

export interface StreamScope {
  namespace: string;
  /** only this Deployment's ReplicaSets, pods and their events */
  deployment?: string;
  /** the overview: per-deployment pod counts instead of a large namespace's pods */
  view?: 'overview';
}

/** Up to this many pods in the namespace, the overview's stream sends them too. */
export const OVERVIEW_POD_LIMIT = 500;

/** The stream's URL for a scope: the browser's key for it (one EventSource per URL). */
export function streamScopeUrl(scope: StreamScope): string {
  const params = new URLSearchParams({ namespace: scope.namespace });
  if (scope.deployment) params.set('deployment', scope.deployment);
  if (scope.view) params.set('view', scope.view);
  return `/api/stream?${params}`;
}

/** The scope a page of /ns/<namespace>/… needs: a deployment's pages, the overview, else all. */
export function scopeOfPath(namespace: string, pathname: string): StreamScope {
  const [, ns, name, kind, deployment] = pathname.split('/');
  if (ns !== 'ns' || name !== encodeURIComponent(namespace)) return { namespace };
  if (kind === undefined || kind === '') return { namespace, view: 'overview' };
  if (kind === 'deployments' && deployment) return { namespace, deployment: decodeURIComponent(deployment) };
  return { namespace };
}

export type ScopedOutput =
  { type: 'snapshot'; kind: WatchedKind; items: AnySummary[] } | { type: 'changes'; changes: Change[] };

export interface Scoper {
  /** What of one hub event goes to this stream (possibly other kinds' catch-up too). */
  accept(kind: WatchedKind, event: HubData): ScopedOutput[];
  /** true when `due()` has something: the route schedules a flush */
  readonly hasDue: boolean;
  /** Changes computed lazily at flush time (the overview's counts: once per batch, not per pod). */
  due(): Change[];
  /** The usage to send, or null to send none. */
  usage(list: PodUsage[]): PodUsage[] | null;
  /** A history point as this stream sends it, or null to send none. */
  historyPoint(point: HistoryPoint): HistoryPoint | null;
}

export function createScoper(scope: StreamScope): Scoper {
  if (scope.deployment) return deploymentScoper(scope.deployment);
  if (scope.view === 'overview') return overviewScoper();
  return {
    accept: (kind, e) => [e.type === 'snapshot' ? { type: 'snapshot', kind, items: e.items } : e],
    hasDue: false,
    due: () => [],
    usage: (list) => list,
    historyPoint: (p) => p,
  };
}

/** One kind's objects as the hub has them, and which of them this stream was sent. */
class Tracked<T extends AnySummary> {
  all = new Map<string, T>();
  sent = new Set<string>();
  synced = false;

  store(event: HubData): void {
    if (event.type === 'snapshot') {
      this.all = new Map(event.items.map((o) => [o.uid, o as T]));
      this.synced = true;
    } else {
      for (const c of event.changes) {
        if (c.type === 'DELETED') this.all.delete(c.object.uid);
        else this.all.set(c.object.uid, c.object as T);
      }
    }
  }

  /** The kept objects, all of them: they replace what the stream had. */
  snapshot(keep: (o: T) => boolean): T[] {
    const items = [...this.all.values()].filter(keep);
    this.sent = new Set(items.map((o) => o.uid));
    return items;
  }

  /** The changes to send: kept ones as they are, a sent one that is no longer kept as DELETED. */
  filter(changes: Change[], keep: (o: T) => boolean): Change[] {
    const out: Change[] = [];
    for (const c of changes) {
      const o = c.object as T;
      if (c.type !== 'DELETED' && keep(o)) {
        this.sent.add(o.uid);
        out.push(c);
      } else if (this.sent.delete(o.uid)) {
        out.push({ ...c, type: 'DELETED' });
      }
    }
    return out;
  }

  /** After the filter itself changed: what to add and what to take back. */
  refilter(kind: WatchedKind, keep: (o: T) => boolean): Change[] {
    const out: Change[] = [];
    for (const o of this.all.values()) {
      const now = keep(o);
      if (now && !this.sent.has(o.uid)) {
        this.sent.add(o.uid);
        out.push({ kind, type: 'ADDED', object: o } as Change);
      } else if (!now && this.sent.delete(o.uid)) {
        out.push({ kind, type: 'DELETED', object: o } as Change);
      }
    }
    for (const uid of this.sent) {
      if (!this.all.has(uid)) this.sent.delete(uid);
    }
    return out;
  }
}

function changesOut(changes: Change[]): ScopedOutput[] {
  return changes.length > 0 ? [{ type: 'changes', changes }] : [];
}

/** The Deployment that owns a pod: its ReplicaSet's owner, else the deployment controller's naming. */
function deploymentOfPod(pod: PodRow, rsOwner: ReadonlyMap<string, string | null>): string | null {
  if (!pod.owner) return null;
  const owner = rsOwner.get(pod.owner);
  if (owner !== undefined) return owner;
  // A pod seen before its ReplicaSet (two watches, no order between them): the deployment
  // controller names a ReplicaSet <deployment>-<pod-template-hash>.
  const suffix = pod.podTemplateHash ? `-${pod.podTemplateHash}` : null;
  return suffix && pod.owner.endsWith(suffix) ? pod.owner.slice(0, -suffix.length) : null;
}

function deploymentScoper(deployment: string): Scoper {
  const rs = new Tracked<ReplicaSetSummary>();
  const pods = new Tracked<PodRow>();
  const events = new Tracked<EventRow>();
  let owned = new Set<string>();
  const rsOwner = () => new Map([...rs.all.values()].map((r) => [r.name, r.owner]));
  let owners = rsOwner();

  const keepRs = (r: ReplicaSetSummary) => r.owner === deployment;
  const keepPod = (p: PodRow) => deploymentOfPod(p, owners) === deployment;
  const keepEvent = (e: EventRow) => {
    const { kind, name } = e.involved;
    if (kind === 'Deployment') return name === deployment;
    if (kind === 'ReplicaSet') return owned.has(name);
    if (kind === 'HorizontalPodAutoscaler') return true;
    // pods already gone keep their events: their names start with their ReplicaSet's
    if (kind === 'Pod') return [...owned].some((r) => name.startsWith(`${r}-`));
    return false;
  };
  const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
  const prefix = `${deployment}-`;

  return {
    accept(kind, event) {
      if (kind === 'replicasets') {
        rs.store(event);
        owners = rsOwner();
        const next = new Set([...rs.all.values()].filter(keepRs).map((r) => r.name));
        const changed = !same(owned, next);
        owned = next;
        if (event.type === 'snapshot') {
          // pods and events waited for the ReplicaSets: now they can be sent whole
          const out: ScopedOutput[] = [{ type: 'snapshot', kind, items: rs.snapshot(keepRs) }];
          if (pods.synced) out.push({ type: 'snapshot', kind: 'pods', items: pods.snapshot(keepPod) });
          if (events.synced)
            out.push({ type: 'snapshot', kind: 'events', items: events.snapshot(keepEvent) });
          return out;
        }
        const out = rs.filter(event.changes, keepRs);
        if (changed) out.push(...pods.refilter('pods', keepPod), ...events.refilter('events', keepEvent));
        return changesOut(out);
      }
      if (kind === 'pods' || kind === 'events') {
        const tracked: Tracked<PodRow> | Tracked<EventRow> = kind === 'pods' ? pods : events;
        const keep = (kind === 'pods' ? keepPod : keepEvent) as (o: AnySummary) => boolean;
        tracked.store(event);
        if (!rs.synced) return [];
        if (event.type === 'snapshot') return [{ type: 'snapshot', kind, items: tracked.snapshot(keep) }];
        return changesOut(tracked.filter(event.changes, keep));
      }
      return [event.type === 'snapshot' ? { type: 'snapshot', kind, items: event.items } : event];
    },
    hasDue: false,
    due: () => [],
    usage: (list) => list.filter((u) => u.pod.startsWith(prefix)),
    historyPoint: (p) => ({
      ...p,
      pods: Object.fromEntries(Object.entries(p.pods).filter(([name]) => name.startsWith(prefix))),
    }),
  };
}

/** Every Deployment's pods counted, by ownerReferences (pod → ReplicaSet → Deployment). */
export function podCountsByDeployment(
  pods: Iterable<PodRow>,
  replicaSets: Iterable<ReplicaSetSummary>,
): Map<string, PodCounts> {
  const owners = new Map([...replicaSets].map((r) => [r.name, r.owner]));
  const counts = new Map<string, PodCounts>();
  for (const pod of pods) {
    const d = deploymentOfPod(pod, owners);
    if (!d) continue;
    let c = counts.get(d);
    if (!c) counts.set(d, (c = emptyCounts()));
    addToCounts(c, pod);
  }
  return counts;
}

/** A deployment as the overview's stream sends it: with its pods counted, and a version to match. */
export function withPodCounts(d: DeploymentSummary, counts: PodCounts | undefined): DeploymentSummary {
  const podCounts = counts ?? emptyCounts();
  // The summary's version, compared only for equality (lib/models/reducer.ts): the object's own,
  // plus the counts, so a restart that leaves the Deployment object alone still reaches the page.
  const key = `${podCounts.total}/${podCounts.ready}/${podCounts.restarts}/${Object.values(podCounts.byLook).join('.')}`;
  return { ...d, podCounts, resourceVersion: `${d.resourceVersion}+${key}` };
}

function overviewScoper(): Scoper {
  const deployments = new Tracked<DeploymentSummary>();
  const rs = new Tracked<ReplicaSetSummary>();
  const pods = new Tracked<PodRow>();
  /** each deployment as this stream last sent it */
  let sentDeployments = new Map<string, DeploymentSummary>();
  let dirty = false;
  let podsShown = false;

  // before the pods are known, deployments go without counts (the card says so) rather than "0 pods"
  const current = () => {
    if (!pods.synced || !rs.synced) return [...deployments.all.values()];
    const counts = podCountsByDeployment(pods.all.values(), rs.all.values());
    return [...deployments.all.values()].map((d) => withPodCounts(d, counts.get(d.name)));
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
          dirty = true; // sent by due(), with their counts, once per batch
          return [];
        }
        const items = current();
        sentDeployments = new Map(items.map((d) => [d.uid, d]));
        dirty = false;
        return [{ type: 'snapshot', kind, items }];
      }
      if (kind === 'replicasets' || kind === 'pods') {
        (kind === 'pods' ? pods : rs).store(event);
        dirty = true;
        const passed: ScopedOutput[] =
          kind === 'pods'
            ? podsOut(event)
            : [event.type === 'snapshot' ? { type: 'snapshot', kind, items: event.items } : event];
        return passed;
      }
      if (kind === 'events') {
        const notPod = (e: AnySummary) => (e as EventRow).involved.kind !== 'Pod';
        if (event.type === 'snapshot') return [{ type: 'snapshot', kind, items: event.items.filter(notPod) }];
        return changesOut(event.changes.filter((c) => notPod(c.object)));
      }
      return [event.type === 'snapshot' ? { type: 'snapshot', kind, items: event.items } : event];
    },
    get hasDue() {
      return dirty && deployments.synced;
    },
    due() {
      if (!scoper.hasDue) return [];
      dirty = false;
      const out: Change[] = [];
      const next = new Map<string, DeploymentSummary>();
      for (const d of current()) {
        next.set(d.uid, d);
        const before = sentDeployments.get(d.uid);
        if (before?.resourceVersion !== d.resourceVersion)
          out.push({ kind: 'deployments', type: before === undefined ? 'ADDED' : 'MODIFIED', object: d });
      }
      for (const [uid, d] of sentDeployments) {
        if (!next.has(uid)) out.push({ kind: 'deployments', type: 'DELETED', object: d });
      }
      sentDeployments = next;
      return out;
    },
    usage: () => null,
    historyPoint: () => null,
  };
  return scoper;
}

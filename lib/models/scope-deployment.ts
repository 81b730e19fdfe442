// A deployment page's scope (lib/models/stream-scope.ts): its ReplicaSets, its pods and their
// events, found through ownerReferences (pod → ReplicaSet → Deployment); every other kind as is.
// Events are sized for the page: the newest DEPLOYMENT_EVENT_LIMIT of them, since a 10,000-pod
// rollout brings 10,000 `Scheduled` events and the page lists the newest 50.
import { sortEventsNewestFirst } from './event';
import { changesOut, deploymentOfPod, Tracked, type ScopedOutput } from './scope-tracked';
import type { Scoper } from './stream-scope';
import type { Change } from './stream';
import type { EventRow, PodRow, ReplicaSetSummary } from './types';

/** The newest events a deployment page's stream holds; older ones are taken back as newer arrive. */
export const DEPLOYMENT_EVENT_LIMIT = 200;
/** Trim back to the limit only past this many, so a steady trickle costs one sort per 50 events. */
const TRIM_AT = DEPLOYMENT_EVENT_LIMIT + 50;

/** The newest `limit` of the events sent; the others become DELETED changes (and are no longer sent). */
function trimEvents(events: Tracked<EventRow>, limit: number): Change[] {
  const sent = [...events.sent].flatMap((uid) => events.all.get(uid) ?? []);
  const out: Change[] = [];
  for (const old of sortEventsNewestFirst(sent).slice(limit)) {
    events.sent.delete(old.uid);
    out.push({ kind: 'events', type: 'DELETED', object: old });
  }
  return out;
}

export function deploymentScoper(deployment: string): Scoper {
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

  /** The events snapshot: the newest ones kept. */
  const eventsSnapshot = (): ScopedOutput => {
    const kept = events.snapshot(keepEvent);
    if (kept.length <= DEPLOYMENT_EVENT_LIMIT) return { type: 'snapshot', kind: 'events', items: kept };
    const items = sortEventsNewestFirst(kept).slice(0, DEPLOYMENT_EVENT_LIMIT);
    events.sent = new Set(items.map((e) => e.uid));
    return { type: 'snapshot', kind: 'events', items };
  };
  /** Event changes, and the oldest taken back when the page holds too many. */
  const eventChanges = (changes: Change[]): Change[] =>
    events.sent.size > TRIM_AT ? [...changes, ...trimEvents(events, DEPLOYMENT_EVENT_LIMIT)] : changes;

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
          if (events.synced) out.push(eventsSnapshot());
          return out;
        }
        const out = rs.filter(event.changes, keepRs);
        if (changed)
          out.push(...pods.refilter('pods', keepPod), ...eventChanges(events.refilter('events', keepEvent)));
        return changesOut(out);
      }
      if (kind === 'pods') {
        pods.store(event);
        if (!rs.synced) return [];
        if (event.type === 'snapshot') return [{ type: 'snapshot', kind, items: pods.snapshot(keepPod) }];
        return changesOut(pods.filter(event.changes, keepPod));
      }
      if (kind === 'events') {
        events.store(event);
        if (!rs.synced) return [];
        if (event.type === 'snapshot') return [eventsSnapshot()];
        return changesOut(eventChanges(events.filter(event.changes, keepEvent)));
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

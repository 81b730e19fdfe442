// The parts every stream scope is made of (lib/models/stream-scope.ts): a kind's objects as the hub
// has them with which of them the scope sent, and the Deployment that owns a pod.
import type { Change, HubData } from './stream';
import type { AnySummary, PodRow, WatchedKind } from './types';

/** What a scope sends for one hub event: a kind's whole state, or changes. */
export type ScopedOutput =
  { type: 'snapshot'; kind: WatchedKind; items: AnySummary[] } | { type: 'changes'; changes: Change[] };

/** One kind's objects as the hub has them, and which of them this stream was sent. */
export class Tracked<T extends AnySummary> {
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

export function changesOut(changes: Change[]): ScopedOutput[] {
  return changes.length > 0 ? [{ type: 'changes', changes }] : [];
}

/** The Deployment that owns a pod: its ReplicaSet's owner, else the deployment controller's naming. */
export function deploymentOfPod(pod: PodRow, rsOwner: ReadonlyMap<string, string | null>): string | null {
  if (!pod.owner) return null;
  const owner = rsOwner.get(pod.owner);
  if (owner !== undefined) return owner;
  // A pod seen before its ReplicaSet (two watches, no order between them): the deployment
  // controller names a ReplicaSet <deployment>-<pod-template-hash>.
  const suffix = pod.podTemplateHash ? `-${pod.podTemplateHash}` : null;
  return suffix && pod.owner.endsWith(suffix) ? pod.owner.slice(0, -suffix.length) : null;
}

import 'server-only';
import type { PodRow } from '../../models/types';
import { currentItems, subscribe } from '../watch-hub';

// The pods the logs follow come from the watch hub's one pods watch per namespace (never a list or
// a poll of their own): this adapter turns its events into "these pods", "this one changed", "this
// one went", the only three things the log followers ask.

export type PodFeedEvent =
  | { type: 'snapshot'; pods: PodRow[] }
  | { type: 'changed'; pod: PodRow }
  | { type: 'deleted'; pod: PodRow }
  | { type: 'error'; status: number; message: string };

export function podFeed(namespace: string, listener: (e: PodFeedEvent) => void): () => void {
  return subscribe('pods', namespace, (e) => {
    if (e.type === 'snapshot') return listener({ type: 'snapshot', pods: e.items as PodRow[] });
    if (e.type === 'error') return listener(e);
    for (const c of e.changes) {
      const pod = c.object as PodRow;
      listener(c.type === 'DELETED' ? { type: 'deleted', pod } : { type: 'changed', pod });
    }
  });
}

/** The pod as the hub holds it now, or undefined (gone) / null (the hub has not listed yet). */
export function hubPod(namespace: string, name: string): PodRow | undefined | null {
  const items = currentItems('pods', namespace) as PodRow[] | null;
  return items ? items.find((p) => p.name === name) : null;
}

// The browser's live state per kind: summaries keyed by uid, updated by the stream's batches.
// Pure and reference-preserving: a batch that changes nothing returns the same object, so SWR
// and React skip the re-render. resourceVersion is opaque and compared only for equality
// (https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions); ordering
// is the server's job: one watch delivers events in order, and after a reconnect it sends a
// fresh snapshot rather than replaying.
import type { ChangeType } from './stream';

export type KindState<T> = Record<string, T>;

export interface Keyed {
  uid: string;
  resourceVersion: string;
}

export interface KeyedChange<T> {
  type: ChangeType;
  object: T;
}

/**
 * The state after a snapshot (a list or relist). With the previous state, unchanged objects
 * keep their identity, and an identical snapshot returns `previous` itself.
 */
export function applySnapshot<T extends Keyed>(items: readonly T[], previous?: KindState<T>): KindState<T> {
  const next: KindState<T> = {};
  let size = 0;
  for (const item of items) {
    const old = previous?.[item.uid];
    if (!Object.hasOwn(next, item.uid)) size++;
    next[item.uid] = old !== undefined && old.resourceVersion === item.resourceVersion ? old : item;
  }
  if (previous && sameEntries(previous, next)) return previous;
  sizes.set(next, size);
  return next;
}

/** Each state's number of objects, kept by the reducer: Object.keys of 10,000 pods costs a pass. */
const sizes = new WeakMap<object, number>();

export function stateSize(state: KindState<unknown>): number {
  let n = sizes.get(state);
  if (n === undefined) sizes.set(state, (n = Object.keys(state).length));
  return n;
}

function sameEntries<T>(a: KindState<T>, b: KindState<T>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/**
 * Applies one batch in order: ADDED and MODIFIED put the object when its resourceVersion differs
 * from the one held (a duplicate or a replay of the same version changes nothing), DELETED
 * removes it. The state is copied once, on the first real change.
 */
export function applyChanges<T extends Keyed>(
  state: KindState<T>,
  changes: readonly KeyedChange<T>[],
): KindState<T> {
  let next: KindState<T> | null = null;
  let delta = 0;
  for (const { type, object } of changes) {
    const current: KindState<T> = next ?? state;
    const held = Object.hasOwn(current, object.uid) ? current[object.uid] : undefined;
    if (type === 'DELETED') {
      if (held === undefined) continue;
      next ??= { ...state };
      delete next[object.uid];
      delta--;
    } else {
      if (held !== undefined && held.resourceVersion === object.resourceVersion) continue;
      next ??= { ...state };
      next[object.uid] = object;
      if (held === undefined) delta++;
    }
  }
  if (next === null) return state;
  const before = sizes.get(state);
  if (before !== undefined) sizes.set(next, before + delta);
  return next;
}

/**
 * Oldest first by creation time, then by name: pods in the order they were started. Plain string
 * comparison: ISO timestamps and DNS names sort correctly without localeCompare, which costs ~10x
 * more on a 1,000-pod list re-sorted at every change.
 */
export function byCreation(
  a: { createdAt: string; name: string },
  b: { createdAt: string; name: string },
): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export interface Ordered<T> {
  state: KindState<T>;
  items: T[];
}

/**
 * The state's objects oldest first (byCreation). Given the list made for an earlier state of the
 * kind, a batch that added and removed nothing (the usual churn: pods changing status) keeps the
 * order, since an object's creation time and name never change: each object is swapped for its
 * new version in one pass instead of sorting 10,000 pods again at every batch.
 */
export function orderedItems<T extends Keyed & { createdAt: string; name: string }>(
  state: KindState<T>,
  previous?: Ordered<T>,
): T[] {
  if (previous?.state === state) return previous.items;
  if (previous && stateSize(state) === previous.items.length) {
    const items: T[] = [];
    for (const old of previous.items) {
      const now = Object.hasOwn(state, old.uid) ? state[old.uid] : undefined;
      if (now === undefined) break;
      items.push(now);
    }
    if (items.length === previous.items.length) return items;
  }
  return Object.values(state).sort(byCreation);
}

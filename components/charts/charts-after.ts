'use client';
import { useLayoutEffect, useSyncExternalStore } from 'react';

// A page whose live data arrives kind by kind (the deployment page: its Deployment first, then the
// pods, ReplicaSets, events…) holds the charts back here until that first data is all in. Charts
// (WhenVisible) load their library only after that and once it has been painted, so recharts never
// competes with the pods the reader came for. One page is shown per tab, so one flag serves; pages
// that hold nothing load charts as soon as they are in view.

let held = false;
const listeners = new Set<() => void>();

function setHeld(value: boolean): void {
  if (held === value) return;
  held = value;
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/**
 * Holds every chart of the page back while `loading` (its first live data not all in yet). A layout
 * effect, so the hold is set in the commit that mounts the charts, before any of them looks.
 */
export function useHoldChartsWhile(loading: boolean): void {
  useLayoutEffect(() => {
    setHeld(loading);
    return () => setHeld(false);
  }, [loading]);
}

/** Whether the page's first live data is in (true when no page holds the charts). */
export function usePageDataShown(): boolean {
  return !useSyncExternalStore(
    subscribe,
    () => held,
    () => false,
  );
}

'use client';
import { useMemo } from 'react';
import { loadedKinds, useConnection, useLiveKinds } from '@/lib/hooks/use-live';
import { useTrafficState } from '@/lib/hooks/use-traffic';
import type { LiveState } from '@/lib/lessons/expect';

/**
 * The namespace's live state in one object, for the lesson predicates. `at` is when the stream
 * message that produced it arrived (the live hook stamps lastChangeAt in the same task as it
 * writes the data, so both land in one render). Null until every kind has its first snapshot.
 */
export function useLiveState(namespace: string): LiveState | null {
  const kinds = useLiveKinds(namespace);
  const at = useConnection(namespace)?.lastChangeAt ?? 0;
  const traffic = useTrafficState(namespace);
  return useMemo(() => {
    const loaded = loadedKinds(kinds);
    // a traffic run's end is a change too (the stream stamps only the Kubernetes kinds' changes)
    const ended = Math.max(0, ...Object.values(traffic ?? {}).map((r) => r.end?.at ?? 0));
    return loaded && { at: Math.max(at, ended), ...loaded, traffic };
  }, [at, kinds, traffic]);
}

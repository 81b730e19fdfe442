'use client';
import { useMemo } from 'react';
import { useConnection, useKind } from '@/lib/hooks/use-live';
import type { LiveState } from '@/lib/lessons/expect';

/**
 * The namespace's live state in one object, for the lesson predicates. `at` is when the stream
 * message that produced it arrived (the live hook stamps lastChangeAt in the same task as it
 * writes the data, so both land in one render). Null until every kind has its first snapshot.
 */
export function useLiveState(namespace: string): LiveState | null {
  const deployments = useKind(namespace, 'deployments');
  const replicaSets = useKind(namespace, 'replicasets');
  const pods = useKind(namespace, 'pods');
  const hpas = useKind(namespace, 'hpas');
  const services = useKind(namespace, 'services');
  const endpointSlices = useKind(namespace, 'endpointslices');
  const events = useKind(namespace, 'events');
  const at = useConnection(namespace)?.lastChangeAt ?? 0;
  return useMemo(() => {
    if (!deployments || !replicaSets || !pods || !hpas || !services || !endpointSlices) return null;
    return { at, deployments, replicaSets, pods, hpas, services, endpointSlices, events: events ?? [] };
  }, [at, deployments, replicaSets, pods, hpas, services, endpointSlices, events]);
}

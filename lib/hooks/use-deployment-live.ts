'use client';
import { useMemo } from 'react';
import { familyOf, type DeploymentFamily } from '../models/ownership';
import { keepSameItems } from '../models/same-items';
import { kindsOrEmpty, useLiveKinds } from './use-live';

/**
 * One Deployment, live, with its ReplicaSets, pods, HPA, canary group and events (familyOf in
 * lib/models/ownership.ts). Undefined until the deployments' first snapshot; null when there is no
 * Deployment of that name. Kinds still loading count as empty.
 *
 * Each list keeps its identity while its items do (a new event leaves the ReplicaSets, the pods and
 * their names as they were), so the page's memoised panels re-render only for what they show.
 */
// the last family of each deployment read in this tab (as useKind's lastOrdered in use-live.ts)
const lastFamily = new Map<string, DeploymentFamily>();

export function useDeploymentLive(namespace: string, name: string): DeploymentFamily | null | undefined {
  const kinds = useLiveKinds(namespace);
  return useMemo(() => {
    const deployment = kinds.deployments?.find((d) => d.name === name);
    if (!kinds.deployments) return undefined;
    const key = `${namespace}/${name}`;
    if (!deployment) {
      lastFamily.delete(key);
      return null;
    }
    const next = familyOf(deployment, kindsOrEmpty(kinds));
    const prev = lastFamily.get(key);
    const family = prev
      ? {
          ...next,
          replicaSets: keepSameItems(prev.replicaSets, next.replicaSets),
          pods: keepSameItems(prev.pods, next.pods),
          podNames: keepSameItems(prev.podNames, next.podNames),
          events: keepSameItems(prev.events, next.events),
        }
      : next;
    lastFamily.set(key, family);
    return family;
  }, [kinds, namespace, name]);
}

'use client';
import { useMemo } from 'react';
import { familyOf, type DeploymentFamily } from '../models/ownership';
import { kindsOrEmpty, useLiveKinds } from './use-live';

/**
 * One Deployment, live, with its ReplicaSets, pods, HPA, canary group and events (familyOf in
 * lib/models/ownership.ts). Undefined until the deployments' first snapshot; null when there is no
 * Deployment of that name. Kinds still loading count as empty.
 */
export function useDeploymentLive(namespace: string, name: string): DeploymentFamily | null | undefined {
  const kinds = useLiveKinds(namespace);
  return useMemo(() => {
    const deployment = kinds.deployments?.find((d) => d.name === name);
    if (!kinds.deployments) return undefined;
    return deployment ? familyOf(deployment, kindsOrEmpty(kinds)) : null;
  }, [kinds, name]);
}

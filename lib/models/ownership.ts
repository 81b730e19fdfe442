import { canaryGroups, type CanaryGroup } from './canary';
import { eventsNewestFirst } from './event';
import { matchesSelector } from './labels';
import type {
  DeploymentSummary,
  EndpointSliceSummary,
  EventRow,
  HpaSummary,
  PodRow,
  ReplicaSetSummary,
  ServiceSummary,
} from './types';

// Who belongs to whom, as the controllers decide it: a Deployment owns ReplicaSets (ownerReferences),
// which own pods. Following the owner chain is exact even when two Deployments' selectors overlap
// (a canary and its stable sharing labels); the selector is only a fallback before RSs arrive.

export function replicaSetsOf(
  deployment: DeploymentSummary,
  replicaSets: readonly ReplicaSetSummary[],
): ReplicaSetSummary[] {
  return replicaSets.filter((rs) => rs.owner === deployment.name);
}

export function podsOf(
  deployment: DeploymentSummary,
  pods: readonly PodRow[],
  replicaSets: readonly ReplicaSetSummary[] | undefined,
): PodRow[] {
  if (replicaSets && replicaSets.length > 0) {
    const owned = new Set(replicaSetsOf(deployment, replicaSets).map((rs) => rs.name));
    return pods.filter((p) => p.owner !== null && owned.has(p.owner));
  }
  return pods.filter((p) => matchesSelector(deployment.selector, p.labels));
}

export function hpaFor(deployment: DeploymentSummary, hpas: readonly HpaSummary[]): HpaSummary | null {
  return hpas.find((h) => h.target.kind === 'Deployment' && h.target.name === deployment.name) ?? null;
}

export function totalRestarts(pods: readonly PodRow[]): number {
  return pods.reduce((sum, p) => sum + p.restarts, 0);
}

/** Events about the deployment, its ReplicaSets, its pods and its HPA, newest first. */
export function eventsOfDeployment(
  deployment: DeploymentSummary,
  replicaSets: readonly ReplicaSetSummary[],
  pods: readonly PodRow[],
  hpa: HpaSummary | null,
  events: readonly EventRow[],
): EventRow[] {
  if (events.length === 0) return [];
  const others = new Set<string>([
    `Deployment/${deployment.name}`,
    ...replicaSets.map((rs) => `ReplicaSet/${rs.name}`),
    ...(hpa ? [`HorizontalPodAutoscaler/${hpa.name}`] : []),
  ]);
  let podNames: Set<string> | null = null; // 10,000 names: built only when a pod's event comes
  // Pods already gone still have events: their names start with their ReplicaSet's name.
  const rsPrefixes = replicaSets.map((rs) => `${rs.name}-`);
  const mine = (e: EventRow) => {
    const { kind, name } = e.involved;
    if (kind !== 'Pod') return others.has(`${kind}/${name}`);
    if (rsPrefixes.some((prefix) => name.startsWith(prefix))) return true;
    podNames ??= new Set(pods.map((p) => p.name));
    return podNames.has(name);
  };
  return eventsNewestFirst(events).filter(mine); // filter keeps the order
}

/** One namespace's objects as the live stream holds them (a lesson's LiveState is one). */
export interface NamespaceObjects {
  deployments: readonly DeploymentSummary[];
  replicaSets: readonly ReplicaSetSummary[];
  pods: readonly PodRow[];
  hpas: readonly HpaSummary[];
  services: readonly ServiceSummary[];
  endpointSlices: readonly EndpointSliceSummary[];
  events: readonly EventRow[];
}

/** A Deployment with everything that belongs to it: what every deployment view shows. */
export interface DeploymentFamily {
  deployment: DeploymentSummary;
  replicaSets: ReplicaSetSummary[];
  pods: PodRow[];
  podNames: string[];
  hpa: HpaSummary | null;
  /** the canary group (a Service shared with other Deployments) it is a member of */
  canary: CanaryGroup | null;
  /** about the deployment, its ReplicaSets, pods and HPA, newest first */
  events: EventRow[];
}

/** The namespace's canary groups: compute them once and pass them to familyOf for each Deployment. */
export function namespaceCanaryGroups(ns: NamespaceObjects): CanaryGroup[] {
  return canaryGroups(ns.services, ns.deployments, ns.pods, ns.endpointSlices, ns.replicaSets);
}

export function familyOf(
  deployment: DeploymentSummary,
  ns: NamespaceObjects,
  groups: readonly CanaryGroup[] = namespaceCanaryGroups(ns),
): DeploymentFamily {
  const replicaSets = replicaSetsOf(deployment, ns.replicaSets);
  const pods = podsOf(deployment, ns.pods, ns.replicaSets);
  const hpa = hpaFor(deployment, ns.hpas);
  const canary =
    groups.find(
      (g) => g.namespace === deployment.namespace && g.members.some((m) => m.deployment === deployment.name),
    ) ?? null;
  return {
    deployment,
    replicaSets,
    pods,
    podNames: pods.map((p) => p.name),
    hpa,
    canary,
    events: eventsOfDeployment(deployment, replicaSets, pods, hpa, ns.events),
  };
}

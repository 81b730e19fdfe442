// Canary groups of plain Deployments (story 003): two or more Deployments whose pods one Service
// selects through a shared label. kube-proxy spreads connections evenly over ready endpoints,
// so the expected traffic share of each Deployment is its share of the Service's ready pods:
// 3 stable + 1 canary = 75 % / 25 %.
// https://kubernetes.io/docs/concepts/workloads/management/#canary-deployments
import type {
  DeploymentSummary,
  EndpointSliceSummary,
  PodRow,
  ReplicaSetSummary,
  ServiceSummary,
} from './types';
import { readyPodNames } from './endpointslice';
import { matchesSelector } from './labels';

export type CanaryRole = 'stable' | 'canary';

export interface CanaryMember {
  deployment: string;
  role: CanaryRole;
  /** ready endpoints of the Service backed by this Deployment's pods */
  readyPods: number;
  /** readyPods / all ready endpoints of the Service, 0..1 */
  expectedShare: number;
  desired: number;
  /** the version env value, else the first image's tag */
  version: string | null;
  images: string[];
}

export interface CanaryGroup {
  service: string;
  namespace: string;
  selector: Record<string, string>;
  /** stable first, then the canaries by name */
  members: CanaryMember[];
  stable: string | null;
  canaries: string[];
  /** ready endpoints of the Service, counting each pod once */
  totalReadyPods: number;
  /** ready endpoints whose pod belongs to none of the members (e.g. a bare pod with the labels) */
  otherReadyPods: number;
}

/** The tag of an image reference ("registry:5000/app:1.2" → "1.2"), null for digests or none. */
function imageTag(image: string | undefined): string | null {
  if (!image || image.includes('@')) return null;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return colon >= 0 ? last.slice(colon + 1) : 'latest';
}

function versionOf(d: DeploymentSummary): string | null {
  const first = d.containers[0];
  return first?.versionEnv?.value ?? imageTag(first?.image);
}

/**
 * The Deployment a pod belongs to. Its ReplicaSet is named <deployment>-<pod-template-hash>,
 * which is exact even when selectors overlap; the selector is the fallback for a pod whose
 * owner is not known yet, and only when exactly one Deployment claims it.
 */
export function deploymentOfPod(
  pod: PodRow,
  deployments: readonly DeploymentSummary[],
): DeploymentSummary | null {
  const sameNs = deployments.filter((d) => d.namespace === pod.namespace);
  if (pod.owner && pod.podTemplateHash) {
    const byOwner = sameNs.find((d) => pod.owner === `${d.name}-${pod.podTemplateHash}`);
    if (byOwner) return byOwner;
  }
  const bySelector = sameNs.filter((d) => matchesSelector(d.selector, pod.labels));
  return bySelector.length === 1 ? (bySelector[0] ?? null) : null;
}

/**
 * The Deployment of a pod known only by name (an endpoint's targetRef), through its ReplicaSet: the
 * ReplicaSet controller names pods <replicaset>-<random suffix without dashes>. The overview of a
 * large namespace gets ReplicaSets but no pods (lib/models/stream-scope.ts), and still counts the
 * canary's ready endpoints this way.
 */
function deploymentOfPodName(
  podName: string,
  rsOwner: ReadonlyMap<string, string | null>,
  deployments: readonly DeploymentSummary[],
  namespace: string,
): DeploymentSummary | null {
  const dash = podName.lastIndexOf('-');
  const owner = dash > 0 ? rsOwner.get(podName.slice(0, dash)) : undefined;
  return owner ? (deployments.find((d) => d.namespace === namespace && d.name === owner) ?? null) : null;
}

function track(d: DeploymentSummary): string | undefined {
  return d.templateLabels.track ?? d.labels.track;
}

/** Bigger first; on a tie the older one (the stable usually came first), then by name. */
function bigger(a: DeploymentSummary, b: DeploymentSummary): number {
  return b.desired - a.desired || a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name);
}

/** track=canary marks canaries and track=stable the stable; without labels the biggest is stable. */
function pickStable(members: readonly DeploymentSummary[]): DeploymentSummary | null {
  const labelledStable = members.filter((d) => track(d) === 'stable');
  const notCanary = members.filter((d) => track(d) !== 'canary');
  const pool = labelledStable.length > 0 ? labelledStable : notCanary;
  return [...pool].sort(bigger)[0] ?? null;
}

export function canaryGroups(
  services: readonly ServiceSummary[],
  deployments: readonly DeploymentSummary[],
  pods: readonly PodRow[],
  endpointSlices: readonly EndpointSliceSummary[],
  /** for ready endpoints whose pod is not among `pods` (a large namespace's overview) */
  replicaSets: readonly ReplicaSetSummary[] = [],
): CanaryGroup[] {
  const groups: CanaryGroup[] = [];
  let podsByName: Map<string, PodRow> | null = null; // built for the first group: most namespaces have none
  for (const svc of services) {
    const members = deployments.filter(
      (d) => d.namespace === svc.namespace && matchesSelector(svc.selector, d.templateLabels),
    );
    if (members.length < 2) continue;
    const slices = endpointSlices.filter((s) => s.namespace === svc.namespace);
    const ready = readyPodNames(slices, svc.name);
    const readyBy = new Map<string, number>();
    const rsOwner = new Map(
      replicaSets.filter((r) => r.namespace === svc.namespace).map((r) => [r.name, r.owner]),
    );
    podsByName ??= new Map(pods.map((p) => [`${p.namespace}/${p.name}`, p]));
    for (const name of ready) {
      const pod = podsByName.get(`${svc.namespace}/${name}`);
      // resolve against every Deployment, so an overlapping selector cannot claim another's pod
      const owner = pod
        ? deploymentOfPod(pod, deployments)
        : deploymentOfPodName(name, rsOwner, deployments, svc.namespace);
      if (owner && members.includes(owner)) readyBy.set(owner.name, (readyBy.get(owner.name) ?? 0) + 1);
    }
    const attributed = [...readyBy.values()].reduce((sum, n) => sum + n, 0);
    const stable = pickStable(members);
    const toMember = (d: DeploymentSummary): CanaryMember => {
      const readyPods = readyBy.get(d.name) ?? 0;
      return {
        deployment: d.name,
        role: d === stable ? 'stable' : 'canary',
        readyPods,
        expectedShare: ready.size > 0 ? readyPods / ready.size : 0,
        desired: d.desired,
        version: versionOf(d),
        images: d.containers.map((c) => c.image),
      };
    };
    const ordered = [...members].sort(
      (a, b) => Number(b === stable) - Number(a === stable) || a.name.localeCompare(b.name),
    );
    groups.push({
      service: svc.name,
      namespace: svc.namespace,
      selector: { ...svc.selector },
      members: ordered.map(toMember),
      stable: stable?.name ?? null,
      canaries: ordered.filter((d) => d !== stable).map((d) => d.name),
      totalReadyPods: ready.size,
      otherReadyPods: ready.size - attributed,
    });
  }
  return groups.sort((a, b) => a.service.localeCompare(b.service));
}

/** Observed responses per version or Deployment → shares (0..1); all 0 before any response. */
export function measuredSplit(counts: Readonly<Record<string, number>>): Record<string, number> {
  const clean = Object.entries(counts).map(([k, n]) => [k, Number.isFinite(n) && n > 0 ? n : 0] as const);
  const total = clean.reduce((sum, [, n]) => sum + n, 0);
  return Object.fromEntries(clean.map(([k, n]) => [k, total > 0 ? n / total : 0]));
}

export function canaryRole(deployment: DeploymentSummary, groups: readonly CanaryGroup[]): CanaryRole | null {
  for (const g of groups) {
    if (g.namespace !== deployment.namespace) continue;
    const member = g.members.find((m) => m.deployment === deployment.name);
    if (member) return member.role;
  }
  return null;
}

/** For the overview badge: does the Deployment share a Service with another one? */
export function isCanaryMember(deployment: DeploymentSummary, groups: readonly CanaryGroup[]): boolean {
  return canaryRole(deployment, groups) !== null;
}

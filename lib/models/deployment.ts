// Deployment → DeploymentSummary: replica counts, the containers as a person reads them
// (probes, requests, limits; env names only), and the actions the Deployment allows Podium.
import type { DeploymentSummary } from './types';
import { toContainerSpecSummary, type IntOrString } from './container';
import type { RawLabelSelector } from './labels';
import {
  intAnnotation,
  REVISION_ANNOTATION,
  toConditions,
  toObjectRef,
  VERSION_ENV_ANNOTATION,
  type RawCondition,
  type RawObjectMeta,
} from './meta';
import { ENDPOINTS_ANNOTATION, parsePodEndpoints } from './pod-endpoints';
import type { RawPodTemplate } from './pod';

export { REVISION_ANNOTATION, VERSION_ENV_ANNOTATION };

export interface RawDeployment {
  metadata?: RawObjectMeta;
  spec?: {
    replicas?: number;
    paused?: boolean;
    selector?: RawLabelSelector;
    strategy?: { type?: string; rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } };
    template?: RawPodTemplate;
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    unavailableReplicas?: number;
    observedGeneration?: number;
    conditions?: RawCondition[];
  };
}

/**
 * Rolling updates default to 25 % surge and 25 % unavailable; the API server fills these in, so
 * they are only missing from hand-made objects.
 * https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#rolling-update-deployment
 */
function toStrategy(strategy: NonNullable<RawDeployment['spec']>['strategy']): DeploymentSummary['strategy'] {
  const type = strategy?.type ?? 'RollingUpdate';
  if (type !== 'RollingUpdate') return { type, maxSurge: null, maxUnavailable: null };
  const { maxSurge = '25%', maxUnavailable = '25%' } = strategy?.rollingUpdate ?? {};
  return { type, maxSurge: String(maxSurge), maxUnavailable: String(maxUnavailable) };
}

/**
 * The pod-template-hash of the newest ReplicaSet, read from the Progressing condition: the
 * deployment controller names that ReplicaSet in every message it writes there ("ReplicaSet
 * \"web-7c5d9b8f6d\" is progressing.", "Created new replica set \"web-7c5d9b8f6d\"", ...),
 * and names it <deployment>-<pod-template-hash>. Its own hash of the template is not
 * reproducible outside Go.
 */
export function templateHashFromConditions(
  name: string,
  conditions: readonly RawCondition[] | undefined,
): string | null {
  const progressing = conditions?.find((c) => c.type === 'Progressing');
  const rsName = /"([^"]+)"/.exec(progressing?.message ?? '')?.[1];
  if (!rsName?.startsWith(`${name}-`)) return null;
  const hash = rsName.slice(name.length + 1);
  return /^[a-z0-9]+$/.test(hash) ? hash : null;
}

export function toDeploymentSummary(raw: RawDeployment): DeploymentSummary {
  const meta = raw.metadata;
  const spec = raw.spec;
  const status = raw.status;
  const versionEnvName = meta?.annotations?.[VERSION_ENV_ANNOTATION]?.trim() || null;
  return {
    ...toObjectRef(meta),
    labels: { ...meta?.labels },
    // matchExpressions cannot be shown as key=value; Deployments made by kubectl/Helm use matchLabels
    selector: { ...spec?.selector?.matchLabels },
    templateLabels: { ...spec?.template?.metadata?.labels },
    desired: spec?.replicas ?? 1,
    current: status?.replicas ?? 0,
    ready: status?.readyReplicas ?? 0,
    updated: status?.updatedReplicas ?? 0,
    available: status?.availableReplicas ?? 0,
    unavailable: status?.unavailableReplicas ?? 0,
    revision: intAnnotation(meta, REVISION_ANNOTATION),
    generation: meta?.generation ?? 0,
    observedGeneration: status?.observedGeneration ?? 0,
    paused: spec?.paused ?? false,
    strategy: toStrategy(spec?.strategy),
    containers: (spec?.template?.spec?.containers ?? []).map((c) =>
      toContainerSpecSummary(c, versionEnvName),
    ),
    conditions: toConditions(status?.conditions),
    endpoints: parsePodEndpoints(meta?.annotations?.[ENDPOINTS_ANNOTATION]),
    versionEnvName,
    templateHash: templateHashFromConditions(meta?.name ?? '', status?.conditions),
  };
}

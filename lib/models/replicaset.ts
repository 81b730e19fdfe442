// ReplicaSet → ReplicaSetSummary: one revision of a Deployment, for rollouts and roll-backs.
import type { ReplicaSetSummary } from './types';
import type { RawLabelSelector } from './labels';
import {
  controllerName,
  intAnnotation,
  REVISION_ANNOTATION,
  toObjectRef,
  VERSION_ENV_ANNOTATION,
  type RawObjectMeta,
} from './meta';
import type { RawPodTemplate } from './pod';

export interface RawReplicaSet {
  metadata?: RawObjectMeta;
  spec?: {
    replicas?: number;
    selector?: RawLabelSelector;
    template?: RawPodTemplate;
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
  };
}

function versionOf(raw: RawReplicaSet): string | null {
  const name = raw.metadata?.annotations?.[VERSION_ENV_ANNOTATION];
  if (!name) return null;
  for (const c of raw.spec?.template?.spec?.containers ?? []) {
    const env = c.env?.find((e) => e.name === name && typeof e.value === 'string');
    if (env?.value !== undefined) return env.value;
  }
  return null;
}

export function toReplicaSetSummary(raw: RawReplicaSet): ReplicaSetSummary {
  const meta = raw.metadata;
  return {
    ...toObjectRef(meta),
    owner: controllerName(meta, 'Deployment'),
    // the deployment controller stamps each ReplicaSet with the revision it stands for
    revision: intAnnotation(meta, REVISION_ANNOTATION),
    podTemplateHash: meta?.labels?.['pod-template-hash'] ?? null,
    images: (raw.spec?.template?.spec?.containers ?? []).map((c) => c.image ?? ''),
    version: versionOf(raw),
    desired: raw.spec?.replicas ?? 1,
    current: raw.status?.replicas ?? 0,
    ready: raw.status?.readyReplicas ?? 0,
    available: raw.status?.availableReplicas ?? 0,
  };
}

import 'server-only';
import { getConfig } from '../config';
import type { RawHpa } from '../models/hpa';
import { k8sRequest, MERGE_PATCH } from './client';
import { K8sError } from './errors';

// Writes to HorizontalPodAutoscalers. A manual scale of an autoscaled deployment is undone by the
// HPA at its next sync (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling),
// so the scale route asks first and offers changing the HPA's bounds instead.

const base = (ns: string) => `/apis/autoscaling/v2/namespaces/${ns}/horizontalpodautoscalers`;

/** The HPA whose scale target is this deployment, if any. */
export async function findHpaFor(ns: string, deployment: string): Promise<RawHpa | null> {
  const list = await k8sRequest<{ items?: RawHpa[] }>(base(ns), { what: `list autoscalers in ${ns}` });
  return (
    list.items?.find(
      (h) => h.spec?.scaleTargetRef?.kind === 'Deployment' && h.spec.scaleTargetRef.name === deployment,
    ) ?? null
  );
}

/** Checked again here (not only in the route), so no caller can write bounds Podium would refuse. */
export function hpaBoundsProblem(min: number, max: number, maxReplicas: number): string | null {
  if (!Number.isInteger(min) || !Number.isInteger(max))
    return 'minReplicas and maxReplicas must be whole numbers';
  if (min < 1) return 'minReplicas must be at least 1';
  if (min > max) return `minReplicas (${min}) must not be above maxReplicas (${max})`;
  if (max > maxReplicas) return `maxReplicas must be at most ${maxReplicas} (PODIUM_MAX_REPLICAS)`;
  return null;
}

export async function setHpaBounds(
  ns: string,
  name: string,
  min: number,
  max: number,
): Promise<{ minReplicas: number; maxReplicas: number }> {
  const problem = hpaBoundsProblem(min, max, getConfig().maxReplicas);
  if (problem) throw new K8sError(422, 'Invalid', problem);
  const hpa = await k8sRequest<RawHpa>(`${base(ns)}/${name}`, {
    method: 'PATCH',
    body: { spec: { minReplicas: min, maxReplicas: max } },
    contentType: MERGE_PATCH,
    what: `set bounds of autoscaler ${name}`,
  });
  return { minReplicas: hpa.spec?.minReplicas ?? min, maxReplicas: hpa.spec?.maxReplicas ?? max };
}

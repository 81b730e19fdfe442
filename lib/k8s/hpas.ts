import 'server-only';
import { getConfig } from '../config';
import type { HpaSummary } from '../models/types';
import type { RawHpa } from '../models/hpa';
import { k8sRequest, MERGE_PATCH } from './client';
import { K8sError } from './errors';
import { listSummaries } from './watch-hub';
import { hpaBoundsProblem } from '../validation';

// Writes to HorizontalPodAutoscalers. A manual scale of an autoscaled deployment is undone by the
// HPA at its next sync (https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling),
// so the scale route asks first and offers changing the HPA's bounds instead.

const base = (ns: string) => `/apis/autoscaling/v2/namespaces/${ns}/horizontalpodautoscalers`;

/**
 * The HPA whose scale target is this deployment, if any: from the watch hub's copy while someone
 * views the namespace (the page that scales does), else one list.
 */
export async function findHpaFor(ns: string, deployment: string): Promise<HpaSummary | null> {
  const hpas = await listSummaries('hpas', ns);
  return hpas.find((h) => h.target.kind === 'Deployment' && h.target.name === deployment) ?? null;
}

export async function setHpaBounds(
  ns: string,
  name: string,
  min: number,
  max: number,
): Promise<{ minReplicas: number; maxReplicas: number }> {
  // checked again here (not only in the route), so no caller can write bounds Podium would refuse
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

import 'server-only';
import { REVISION_ANNOTATION, VERSION_ENV_ANNOTATION, type RawDeployment } from '../models/deployment';
import type { RawReplicaSet } from '../models/replicaset';
import { ownedReplicaSets, rollbackPatch, rollbackTemplate, sameJson } from '../models/rollout';
import { k8sRequest, MERGE_PATCH, STRATEGIC_MERGE_PATCH } from './client';
import { K8sError } from './errors';

// Writes to Deployments, each through the narrowest API that does the job, as kubectl does them.

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';
const JSON_PATCH = 'application/json-patch+json';

const path = (ns: string, name: string) => `/apis/apps/v1/namespaces/${ns}/deployments/${name}`;

export function getDeployment(ns: string, name: string): Promise<RawDeployment> {
  return k8sRequest<RawDeployment>(path(ns, name), { what: `get deployment ${name}` });
}

/** Through the scale subresource, so only spec.replicas can change (and RBAC can grant just that). */
export async function scaleDeployment(
  ns: string,
  name: string,
  replicas: number,
): Promise<{ replicas: number }> {
  const scale = await k8sRequest<{ spec?: { replicas?: number } }>(`${path(ns, name)}/scale`, {
    method: 'PATCH',
    body: { spec: { replicas } },
    contentType: MERGE_PATCH,
    what: `scale deployment ${name}`,
  });
  return { replicas: scale.spec?.replicas ?? replicas };
}

/**
 * `kubectl rollout restart`: a new pod-template annotation makes a new ReplicaSet, which replaces
 * the pods by the deployment's rolling-update rules. Paused deployments are refused, as kubectl does.
 */
export async function restartDeployment(
  ns: string,
  name: string,
  now = new Date(),
): Promise<{ restartedAt: string }> {
  const dep = await getDeployment(ns, name);
  if (dep.spec?.paused)
    throw new K8sError(409, 'Paused', `deployment ${name} is paused: resume it before restarting`);
  const restartedAt = now.toISOString();
  await k8sRequest(path(ns, name), {
    method: 'PATCH',
    body: { spec: { template: { metadata: { annotations: { [RESTARTED_AT]: restartedAt } } } } },
    contentType: STRATEGIC_MERGE_PATCH,
    what: `restart deployment ${name}`,
  });
  return { restartedAt };
}

function containerOf(dep: RawDeployment, name: string, container: string) {
  const c = dep.spec?.template?.spec?.containers?.find((x) => x.name === container);
  if (!c) {
    const names = (dep.spec?.template?.spec?.containers ?? []).map((x) => x.name).join(', ');
    throw new K8sError(
      404,
      'ContainerNotFound',
      `deployment ${name} has no container "${container}" (containers: ${names || 'none'})`,
    );
  }
  return c;
}

/**
 * A strategic merge patch of one container, merged by name. The resourceVersion makes it apply
 * only to the deployment just read: a container renamed in between would otherwise be added anew.
 */
function patchContainer(
  ns: string,
  name: string,
  rv: string | undefined,
  container: Record<string, unknown>,
  what: string,
) {
  return k8sRequest<RawDeployment>(path(ns, name), {
    method: 'PATCH',
    body: { metadata: { resourceVersion: rv }, spec: { template: { spec: { containers: [container] } } } },
    contentType: STRATEGIC_MERGE_PATCH,
    what,
  });
}

/**
 * Read, then write with the resourceVersion just read; on 409 Conflict (the deployment controller
 * updates status all through a rollout) read again and retry, as client-go's RetryOnConflict does.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, tries = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      const conflict = err instanceof K8sError && err.status === 409 && err.reason === 'Conflict';
      if (!conflict || i >= tries) throw err;
      await new Promise((r) => setTimeout(r, 20 * i));
    }
  }
}

/** `kubectl set image deployment/name container=image`: starts a rolling update. */
export function setImage(
  ns: string,
  name: string,
  container: string,
  image: string,
): Promise<{ previous: string | null }> {
  return retryOnConflict(async () => {
    const dep = await getDeployment(ns, name);
    const previous = containerOf(dep, name, container).image ?? null;
    await patchContainer(
      ns,
      name,
      dep.metadata?.resourceVersion,
      { name: container, image },
      `set image of deployment ${name}`,
    );
    return { previous };
  });
}

/** Sets the literal env var named by the annotation podium.dev/version-env: a rolling update to a "new version". */
export function setVersionEnv(
  ns: string,
  name: string,
  container: string,
  value: string,
): Promise<{ env: string; previous: string | null }> {
  return retryOnConflict(async () => {
    const dep = await getDeployment(ns, name);
    const env = dep.metadata?.annotations?.[VERSION_ENV_ANNOTATION]?.trim();
    if (!env) {
      throw new K8sError(
        409,
        'NoVersionEnv',
        `deployment ${name} names no version variable (annotation ${VERSION_ENV_ANNOTATION})`,
      );
    }
    const current = containerOf(dep, name, container).env?.find((e) => e.name === env);
    if (current?.valueFrom) {
      throw new K8sError(
        409,
        'VersionEnvNotLiteral',
        `${env} in container ${container} comes from a Secret or ConfigMap; Podium only changes literal values`,
      );
    }
    await patchContainer(
      ns,
      name,
      dep.metadata?.resourceVersion,
      { name: container, env: [{ name: env, value }] },
      `set ${env} of deployment ${name}`,
    );
    return { env, previous: current?.value ?? null };
  });
}

// ---- rollback (the pure steps are in lib/models/rollout.ts) --------------------------------------

/** `kubectl rollout undo --to-revision=N`. */
export function rollbackDeployment(
  ns: string,
  name: string,
  toRevision: number,
): Promise<{ skipped: boolean; images: string[] }> {
  return retryOnConflict(() => rollbackOnce(ns, name, toRevision));
}

async function rollbackOnce(
  ns: string,
  name: string,
  toRevision: number,
): Promise<{ skipped: boolean; images: string[] }> {
  const dep = await getDeployment(ns, name);
  if (dep.spec?.paused)
    throw new K8sError(409, 'Paused', `deployment ${name} is paused: resume it before rolling back`);
  const selector = Object.entries(dep.spec?.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const list = await k8sRequest<{ items?: RawReplicaSet[] }>(`/apis/apps/v1/namespaces/${ns}/replicasets`, {
    query: { labelSelector: selector || undefined },
    what: `list replica sets of deployment ${name}`,
  });
  const owned = ownedReplicaSets(list.items ?? [], dep.metadata?.uid ?? '');
  const rs = owned.find((r) => r.metadata?.annotations?.[REVISION_ANNOTATION] === String(toRevision));
  if (!rs) {
    const known = owned.map((r) => r.metadata?.annotations?.[REVISION_ANNOTATION]).filter(Boolean);
    throw new K8sError(
      404,
      'RevisionNotFound',
      `deployment ${name} has no revision ${toRevision} (known: ${known.join(', ') || 'none'})`,
    );
  }
  const template = rollbackTemplate(rs);
  const images = (template.spec?.containers ?? []).map((c) => c.image ?? '');
  if (sameJson(template, dep.spec?.template)) return { skipped: true, images };
  await k8sRequest(path(ns, name), {
    method: 'PATCH',
    body: rollbackPatch(dep.metadata?.resourceVersion ?? '', template),
    contentType: JSON_PATCH,
    what: `roll back deployment ${name}`,
  });
  return { skipped: false, images };
}

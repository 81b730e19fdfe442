import 'server-only';
import type { RawDeployment } from '../models/deployment';
import { promotedTemplate } from '../models/canary-promote';
import { NGINX_PREFIX, parseNginxCanary, type RawIngress } from '../models/ingress';
import type { RawHttpRoute } from '../models/httproute';
import { k8sRequest, MERGE_PATCH } from './client';
import { getDeployment, retryOnConflict, scaleDeployment } from './deployments';
import { K8sError } from './errors';

// Canary actions: replicas through the scale subresource (as every scale), promotion as a JSON patch
// of the stable's pod template guarded by its resourceVersion, and the configured weights as the
// narrowest patch of the one field (an ingress-nginx annotation, an HTTPRoute backendRef weight).

const JSON_PATCH = 'application/json-patch+json';

/** stable and canary to their replica counts in one step (the canary first when it shrinks). */
export async function setRatio(
  ns: string,
  stable: string,
  canary: string,
  stableReplicas: number,
  canaryReplicas: number,
): Promise<string[]> {
  const [, current] = await Promise.all([getDeployment(ns, stable), getDeployment(ns, canary)]);
  const canaryFirst = canaryReplicas < (current.spec?.replicas ?? 1);
  const steps: [string, number][] = canaryFirst
    ? [
        [canary, canaryReplicas],
        [stable, stableReplicas],
      ]
    : [
        [stable, stableReplicas],
        [canary, canaryReplicas],
      ];
  for (const [name, n] of steps) await scaleDeployment(ns, name, n);
  return [`${stable} → ${stableReplicas}`, `${canary} → ${canaryReplicas}`];
}

/** The stable takes the canary's pod template (keeping its selector's labels); the canary goes to 0. */
export async function promoteCanary(ns: string, stable: string, canary: string): Promise<string[]> {
  const from = await getDeployment(ns, canary);
  await retryOnConflict(async () => {
    const to = await getDeployment(ns, stable);
    let template;
    try {
      template = promotedTemplate(to, from);
    } catch (err) {
      throw new K8sError(
        409,
        'CannotPromote',
        `cannot promote ${canary} into ${stable}: ${(err as Error).message}`,
      );
    }
    await k8sRequest<RawDeployment>(`/apis/apps/v1/namespaces/${ns}/deployments/${stable}`, {
      method: 'PATCH',
      body: [
        { op: 'test', path: '/metadata/resourceVersion', value: to.metadata?.resourceVersion },
        { op: 'replace', path: '/spec/template', value: template },
      ],
      contentType: JSON_PATCH,
      what: `promote ${canary} into deployment ${stable}`,
    }).catch((err: unknown) => {
      // a failed "test" op is the JSON-patch form of a conflict: read again and retry
      if (err instanceof K8sError && err.status === 422 && /test/i.test(err.message))
        throw new K8sError(409, 'Conflict', err.message);
      throw err;
    });
  });
  await scaleDeployment(ns, canary, 0);
  return [`${stable} takes ${canary}'s pod template`, `${canary} → 0`];
}

export async function abortCanary(ns: string, canary: string): Promise<string[]> {
  await scaleDeployment(ns, canary, 0);
  return [`${canary} → 0`];
}

/** Sets nginx.ingress.kubernetes.io/canary-weight of a canary Ingress. */
export async function setIngressCanaryWeight(
  ns: string,
  name: string,
  weight: number,
): Promise<{ previous: string | null; total: number }> {
  const ing = await k8sRequest<RawIngress>(`/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses/${name}`, {
    what: `get ingress ${name}`,
  });
  const canary = parseNginxCanary(ing.metadata?.annotations);
  if (!canary?.enabled)
    throw new K8sError(
      409,
      'NotCanary',
      `ingress ${name} is not an ingress-nginx canary (annotation ${NGINX_PREFIX}canary: "true")`,
    );
  if (weight > canary.weightTotal)
    throw new K8sError(
      400,
      'BadRequest',
      `weight: must be at most ${canary.weightTotal} (canary-weight-total)`,
    );
  const key = `${NGINX_PREFIX}canary-weight`;
  await k8sRequest(`/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses/${name}`, {
    method: 'PATCH',
    body: {
      metadata: { resourceVersion: ing.metadata?.resourceVersion, annotations: { [key]: String(weight) } },
    },
    contentType: MERGE_PATCH,
    what: `set the canary weight of ingress ${name}`,
  });
  return { previous: ing.metadata?.annotations?.[key] ?? null, total: canary.weightTotal };
}

/** Sets one backendRef's weight of an HTTPRoute rule. */
export async function setHttpRouteWeight(
  ns: string,
  name: string,
  rule: number,
  backend: number,
  weight: number,
): Promise<{ previous: number; backendName: string }> {
  const path = `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/httproutes/${name}`;
  return retryOnConflict(async () => {
    const route = await k8sRequest<RawHttpRoute>(path, { what: `get httproute ${name}` });
    const ref = route.spec?.rules?.[rule]?.backendRefs?.[backend];
    if (!ref)
      throw new K8sError(400, 'BadRequest', `httproute ${name} has no backendRef ${backend} in rule ${rule}`);
    await k8sRequest(path, {
      method: 'PATCH',
      body: {
        metadata: { resourceVersion: route.metadata?.resourceVersion },
        spec: {
          rules: route.spec?.rules?.map((r, i) =>
            i !== rule
              ? r
              : { ...r, backendRefs: r.backendRefs?.map((b, j) => (j === backend ? { ...b, weight } : b)) },
          ),
        },
      },
      contentType: MERGE_PATCH,
      what: `set a backend weight of httproute ${name}`,
    });
    return { previous: ref.weight ?? 1, backendName: ref.name ?? '?' };
  });
}

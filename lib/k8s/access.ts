import 'server-only';
import type { ActionName, Permission, Permissions } from '../models/contract';
import { getCluster, k8sRequest } from './client';

// What Podium's own credentials may do in a namespace, asked of the API server with
// SelfSubjectAccessReviews (the same question `kubectl auth can-i` asks), so the UI can disable a
// button and say why before anyone clicks it. The routes do not rely on this: the API server
// still refuses a forbidden write, and that 403 reaches the browser with its reason.
// https://kubernetes.io/docs/reference/access-authn-authz/authorization/#checking-api-access

/** One SelfSubjectAccessReview question: may Podium `verb` this resource (subresource) of this group? */
export interface Check {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
}

const SCALE: Check = { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale' };
const PATCH_DEPLOYMENTS: Check = { verb: 'patch', group: 'apps', resource: 'deployments' };
const LIST_REPLICASETS: Check = { verb: 'list', group: 'apps', resource: 'replicasets' };
const DELETE_PODS: Check = { verb: 'delete', group: '', resource: 'pods' };
const POD_PROXY: Check = { verb: 'get', group: '', resource: 'pods', subresource: 'proxy' };
const PATCH_HPAS: Check = { verb: 'patch', group: 'autoscaling', resource: 'horizontalpodautoscalers' };

/** Every check an action needs; it is allowed only when all are. */
export const ACTION_CHECKS: Record<ActionName, Check[]> = {
  scale: [SCALE],
  restart: [PATCH_DEPLOYMENTS],
  rollout: [PATCH_DEPLOYMENTS],
  rollback: [PATCH_DEPLOYMENTS, LIST_REPLICASETS],
  deletePod: [DELETE_PODS],
  endpoint: [POD_PROXY],
  hpaBounds: [PATCH_HPAS],
};

export const CACHE_MS = 30_000;

/** The answer of a SelfSubjectAccessReview (its status). */
export interface AccessAnswer {
  allowed?: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

export function describeCheck(c: Check): string {
  const resource = `${c.resource}${c.subresource ? `/${c.subresource}` : ''}`;
  return `${c.verb} ${c.group ? `${resource}.${c.group}` : resource}`;
}

/** Asks the API server whether Podium's credentials pass the check in the namespace. */
export async function askAccess(ns: string, c: Check): Promise<AccessAnswer> {
  const res = await k8sRequest<{ status?: AccessAnswer }>(
    '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    {
      method: 'POST',
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: {
            namespace: ns,
            verb: c.verb,
            group: c.group,
            resource: c.resource,
            subresource: c.subresource,
          },
        },
      },
      what: `check access to ${describeCheck(c)}`,
    },
  );
  return res.status ?? {};
}

async function review(ns: string, c: Check): Promise<Permission> {
  const s = await askAccess(ns, c);
  if (s.allowed) return { allowed: true, reason: s.reason ?? '' };
  const why = s.reason || s.evaluationError;
  return {
    allowed: false,
    reason: `Podium's Kubernetes credentials may not ${describeCheck(c)} in namespace ${ns}${why ? ` (${why})` : ''}`,
  };
}

/**
 * A cache of answers per key, each kept CACHE_MS; a failed one is forgotten, so the next call asks
 * again. Kept per loaded cluster configuration too, so new credentials (resetCluster) are asked afresh.
 */
export function clusterCache<T>(): (key: string, ask: () => Promise<T>, now?: number) => Promise<T> {
  const caches = new WeakMap<object, Map<string, { at: number; value: Promise<T> }>>();
  return (key, ask, now = Date.now()) => {
    const cluster = getCluster();
    let cache = caches.get(cluster);
    if (!cache) caches.set(cluster, (cache = new Map()));
    const hit = cache.get(key);
    if (hit && now - hit.at < CACHE_MS) return hit.value;
    const value = ask();
    cache.set(key, { at: now, value });
    value.catch(() => {
      if (cache.get(key)?.value === value) cache.delete(key);
    });
    return value;
  };
}

const cachedPermissions = clusterCache<Permissions>();

async function compute(ns: string): Promise<Permissions> {
  const checks = [
    ...new Map(
      Object.values(ACTION_CHECKS)
        .flat()
        .map((c) => [describeCheck(c), c]),
    ).values(),
  ];
  const answers = new Map(
    await Promise.all(checks.map(async (c) => [describeCheck(c), await review(ns, c)] as const)),
  );
  const out = {} as Permissions;
  for (const [action, needs] of Object.entries(ACTION_CHECKS) as [ActionName, Check[]][]) {
    const denied = needs.map((c) => answers.get(describeCheck(c))).find((p) => p && !p.allowed);
    out[action] = denied ?? { allowed: true, reason: '' };
  }
  return out;
}

/** Per action: allowed or not, with a reason. Cached per namespace for 30 s (failures are not cached). */
export function permissions(ns: string, now = Date.now()): Promise<Permissions> {
  return cachedPermissions(ns, () => compute(ns), now);
}

const LOGS: Check = { verb: 'get', group: '', resource: 'pods', subresource: 'log' };
const cachedLogs = clusterCache<Permission>();

/** Whether Podium's credentials may read pods' logs here (get pods/log), cached like the actions. */
export function logsPermission(ns: string, now = Date.now()): Promise<Permission> {
  return cachedLogs(ns, () => review(ns, LOGS), now);
}

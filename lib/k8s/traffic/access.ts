import 'server-only';
import type { TrafficPermissions, TrafficAction } from '../../models/traffic-contract';
import { getCluster, k8sRequest } from '../client';
import { K8sError } from '../errors';
import { transportInUse } from './transport';

// What Podium's credentials allow for traffic and canary actions, asked with SelfSubjectAccessReviews
// like lib/k8s/access.ts does for the other actions: before a loop starts (so a forbidden proxy is
// one clear 403, not a timeline of failures) and for the UI to disable a button and say why.

interface Check {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
}

const PROXY: Check = { verb: 'get', group: '', resource: 'services', subresource: 'proxy' };
const GET_SERVICES: Check = { verb: 'get', group: '', resource: 'services' };
const SCALE: Check = { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale' };
const PATCH_DEPLOYMENTS: Check = { verb: 'patch', group: 'apps', resource: 'deployments' };
const PATCH_INGRESSES: Check = { verb: 'patch', group: 'networking.k8s.io', resource: 'ingresses' };
const PATCH_HTTPROUTES: Check = { verb: 'patch', group: 'gateway.networking.k8s.io', resource: 'httproutes' };

function checksFor(action: TrafficAction): Check[] {
  // straight to a ClusterIP there is no API to ask: reading the Service is all Podium does
  const send = transportInUse() === 'apiserver-proxy' ? [GET_SERVICES, PROXY] : [GET_SERVICES];
  switch (action) {
    case 'traffic':
      return send;
    case 'canary':
      return [SCALE, PATCH_DEPLOYMENTS];
    case 'ingressWeight':
      return [PATCH_INGRESSES];
    case 'httpRouteWeight':
      return [PATCH_HTTPROUTES];
  }
}

const describe = (c: Check) =>
  `${c.verb} ${c.resource}${c.subresource ? `/${c.subresource}` : ''}${c.group ? `.${c.group}` : ''}`;

async function review(ns: string, c: Check): Promise<string | null> {
  const res = await k8sRequest<{ status?: { allowed?: boolean; reason?: string } }>(
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
      what: `check access to ${describe(c)}`,
    },
  );
  if (res.status?.allowed) return null;
  return `Podium's Kubernetes credentials may not ${describe(c)} in namespace ${ns}${res.status?.reason ? ` (${res.status.reason})` : ''}`;
}

const cache = new WeakMap<object, Map<string, { at: number; value: Promise<string | null> }>>();

function cached(ns: string, c: Check): Promise<string | null> {
  const cluster = getCluster();
  let m = cache.get(cluster);
  if (!m) cache.set(cluster, (m = new Map()));
  const key = `${ns}/${describe(c)}`;
  const hit = m.get(key);
  if (hit && Date.now() - hit.at < 30_000) return hit.value;
  const value = review(ns, c);
  m.set(key, { at: Date.now(), value });
  value.catch(() => m.delete(key));
  return value;
}

export async function trafficPermissions(ns: string): Promise<TrafficPermissions> {
  const actions: TrafficAction[] = ['traffic', 'canary', 'ingressWeight', 'httpRouteWeight'];
  const out = {} as TrafficPermissions;
  await Promise.all(
    actions.map(async (a) => {
      const denied = (await Promise.all(checksFor(a).map((c) => cached(ns, c)))).find((r) => r !== null);
      out[a] = denied ? { allowed: false, reason: denied } : { allowed: true, reason: '' };
    }),
  );
  return out;
}

/** Throws a 403 K8sError (audited as refused) unless every check of the action passes. */
export async function requireTraffic(ns: string, action: TrafficAction): Promise<void> {
  for (const c of checksFor(action)) {
    const denied = await cached(ns, c);
    if (denied) throw new K8sError(403, 'Forbidden', denied);
  }
}

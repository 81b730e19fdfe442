import 'server-only';
import type { TrafficPermissions, TrafficAction } from '../../models/traffic-contract';
import { askAccess, clusterCache, describeCheck, type Check } from '../access';
import { K8sError } from '../errors';
import { transportInUse } from './transport';

// What Podium's credentials allow for traffic and canary actions, asked with SelfSubjectAccessReviews
// like lib/k8s/access.ts does for the other actions: before a loop starts (so a forbidden proxy is
// one clear 403, not a timeline of failures) and for the UI to disable a button and say why.

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

async function review(ns: string, c: Check): Promise<string | null> {
  const s = await askAccess(ns, c);
  if (s.allowed) return null;
  return `Podium's Kubernetes credentials may not ${describeCheck(c)} in namespace ${ns}${s.reason ? ` (${s.reason})` : ''}`;
}

const cachedReview = clusterCache<string | null>();

/** The check's refusal, or null when allowed; cached per namespace and check for 30 s (failures are not cached). */
const cached = (ns: string, c: Check) => cachedReview(`${ns}/${describeCheck(c)}`, () => review(ns, c));

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

// Routes into the namespace and the share each one gives its Services, as configured (ingress-nginx
// canary weights, HTTPRoute backend weights), beside the share the ready replicas alone would give.
import { observedSplit, type ObservedSplit } from './appmetrics/observed-split';
import { describeGateway } from './gateway';
import { readyPodNames } from './endpointslice';
import { matchesSelector } from './labels';
import type { HttpRouteSummary } from './httproute';
import { routeStatusProblems, ruleShares } from './httproute';
import type { IngressSummary } from './ingress';
import type { DeploymentSummary, EndpointSliceSummary, GatewaySummary, ServiceSummary } from './types';

export interface WeightedBackend {
  service: string;
  port: string | null;
  /** the configured weight (ingress: canary-weight, or the rest for the main Ingress) */
  weight: number;
  /** configured share of the route's traffic, 0..1 */
  share: number;
  /** ready endpoints of the Service */
  readyEndpoints: number;
  /** its share if traffic followed the ready endpoints of all the route's Services; null with one backend */
  replicaShare: number | null;
  /** the object whose weight decides this backend's share, for the edit action */
  edit:
    | { kind: 'Ingress'; name: string }
    | { kind: 'HTTPRoute'; name: string; rule: number; backend: number }
    | null;
}

export interface WeightedRoute {
  kind: 'Ingress' | 'HTTPRoute';
  /** stable key: kind, objects and host/path or rule */
  key: string;
  /** the objects making up this route: an Ingress and its canary Ingresses, or one HTTPRoute */
  objects: string[];
  hosts: string[];
  /** path, or the rule's matches */
  match: string;
  backends: WeightedBackend[];
  /** requests matched before the weight: "header X-Canary: always → echo-canary" */
  conditions: string[];
  problems: string[];
  /** HTTPRoute: the Gateways that accepted it (status.parents, Accepted=True); Ingress: empty */
  accepted: string[];
  /** HTTPRoute: the parents it names ("gw", "infra/gw"); Ingress: empty */
  parents: string[];
}

function readyOf(slices: readonly EndpointSliceSummary[], service: string): number {
  return readyPodNames(slices, service).size;
}

function withReplicaShares(backends: Omit<WeightedBackend, 'replicaShare'>[]): WeightedBackend[] {
  const total = backends.reduce((sum, b) => sum + b.readyEndpoints, 0);
  return backends.map((b) => ({
    ...b,
    replicaShare: backends.length > 1 && total > 0 ? b.readyEndpoints / total : null,
  }));
}

/** Ingresses grouped by host and path: the main Ingress, and the canary Ingresses for the same place. */
function ingressRoutes(
  ingresses: readonly IngressSummary[],
  slices: readonly EndpointSliceSummary[],
): WeightedRoute[] {
  const places = new Map<
    string,
    {
      host: string | null;
      path: string;
      main: { ing: IngressSummary; service: string; port: string | null }[];
      canary: { ing: IngressSummary; service: string; port: string | null }[];
    }
  >();
  for (const ing of ingresses) {
    const entries =
      ing.paths.length > 0
        ? ing.paths
        : ing.defaultBackend
          ? [{ host: null, path: '/', ...ing.defaultBackend }]
          : [];
    for (const p of entries) {
      const key = `${p.host ?? '*'}${p.path}`;
      const place = places.get(key) ?? { host: p.host, path: p.path, main: [], canary: [] };
      places.set(key, place);
      (ing.canary?.enabled ? place.canary : place.main).push({ ing, service: p.service, port: p.port });
    }
  }
  const routes: WeightedRoute[] = [];
  for (const [key, place] of places) {
    const problems: string[] = [];
    const conditions: string[] = [];
    const main = place.main[0];
    if (place.main.length > 1)
      problems.push(
        `${place.main.length} Ingresses claim this host and path: ${place.main.map((m) => m.ing.name).join(', ')}`,
      );
    if (!main && place.canary.length > 0)
      problems.push(
        'a canary Ingress without a main Ingress for the same host and path: ingress-nginx ignores it',
      );
    // ingress-nginx supports one canary per host and path
    if (place.canary.length > 1)
      problems.push(
        `more than one canary Ingress for this host and path (${place.canary.map((c) => c.ing.name).join(', ')}): ingress-nginx uses only one`,
      );
    const canary = place.canary[0];
    const backends: Omit<WeightedBackend, 'replicaShare'>[] = [];
    if (canary?.ing.canary) {
      const c = canary.ing.canary;
      problems.push(...c.problems.map((p) => `${canary.ing.name}: ${p}`));
      if (c.byHeader)
        conditions.push(
          `header ${c.byHeader}${c.byHeaderValue ? `: ${c.byHeaderValue}` : c.byHeaderPattern ? ` ~ ${c.byHeaderPattern}` : ': always'} → ${canary.service}`,
        );
      if (c.byCookie) conditions.push(`cookie ${c.byCookie}=always → ${canary.service}`);
      const canaryShare = main ? c.weight / c.weightTotal : 0;
      if (main) {
        backends.push({
          service: main.service,
          port: main.port,
          weight: c.weightTotal - c.weight,
          share: 1 - canaryShare,
          readyEndpoints: readyOf(slices, main.service),
          edit: null,
        });
      }
      backends.push({
        service: canary.service,
        port: canary.port,
        weight: c.weight,
        share: canaryShare,
        readyEndpoints: readyOf(slices, canary.service),
        edit: { kind: 'Ingress', name: canary.ing.name },
      });
    } else if (main) {
      backends.push({
        service: main.service,
        port: main.port,
        weight: 100,
        share: 1,
        readyEndpoints: readyOf(slices, main.service),
        edit: null,
      });
    }
    routes.push({
      kind: 'Ingress',
      key: `Ingress/${key}`,
      objects: [...place.main, ...place.canary].map((e) => e.ing.name),
      hosts: place.host ? [place.host] : [],
      match: place.path,
      backends: withReplicaShares(backends),
      conditions,
      problems,
      accepted: [],
      parents: [],
    });
  }
  return routes;
}

function httpRoutes(
  routes: readonly HttpRouteSummary[],
  slices: readonly EndpointSliceSummary[],
): WeightedRoute[] {
  const out: WeightedRoute[] = [];
  for (const r of routes) {
    const statusProblems = routeStatusProblems(r);
    for (const rule of r.rules) {
      const shares = ruleShares(rule);
      // the first thing to see: a weight on a route that no Gateway accepted moves nothing
      const problems: string[] = [...statusProblems];
      if (rule.backends.length > 0 && shares.every((s) => s === 0))
        problems.push('every backend has weight 0: the rule answers 500');
      const backends = rule.backends
        .map((b, i) => ({ b, i }))
        .filter(({ b }) => b.kind === 'Service' && (b.namespace === null || b.namespace === r.namespace))
        .map(({ b, i }) => ({
          service: b.name,
          port: b.port === null ? null : String(b.port),
          weight: b.weight,
          share: shares[i] ?? 0,
          readyEndpoints: readyOf(slices, b.name),
          edit: { kind: 'HTTPRoute' as const, name: r.name, rule: rule.index, backend: i },
        }));
      if (backends.length < rule.backends.length)
        problems.push('some backends are not Services of this namespace and are not shown');
      out.push({
        kind: 'HTTPRoute',
        key: `HTTPRoute/${r.name}/${rule.index}`,
        objects: [r.name],
        hosts: r.hostnames,
        match: rule.matches.length > 0 ? rule.matches.join(' or ') : 'PathPrefix /',
        backends: withReplicaShares(backends),
        conditions: [],
        problems,
        accepted: r.status.filter((x) => x.accepted?.status === 'True').map((x) => x.parent),
        parents: r.parents,
      });
    }
  }
  return out;
}

export function weightedRoutes(
  ingresses: readonly IngressSummary[],
  routes: readonly HttpRouteSummary[],
  slices: readonly EndpointSliceSummary[],
): WeightedRoute[] {
  return [...ingressRoutes(ingresses, slices), ...httpRoutes(routes, slices)].sort((a, b) =>
    a.key.localeCompare(b.key),
  );
}

/** The routes that send traffic to any of these Services. */
export function routesTo(routes: readonly WeightedRoute[], services: readonly string[]): WeightedRoute[] {
  return routes.filter((r) => r.backends.some((b) => services.includes(b.service)));
}

/** The Deployments whose pods each of these Services selects (by the pod template's labels). */
export function deploymentsBehind(
  serviceNames: readonly string[],
  services: readonly Pick<ServiceSummary, 'name' | 'selector'>[],
  deployments: readonly Pick<DeploymentSummary, 'name' | 'templateLabels'>[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of serviceNames) {
    const svc = services.find((s) => s.name === name);
    out[name] = svc
      ? deployments.filter((d) => matchesSelector(svc.selector, d.templateLabels)).map((d) => d.name)
      : [];
  }
  return out;
}

/**
 * The share each backend Service of a route got of what their pods served over the window (the
 * pods' own counters, lib/k8s/appmetrics), beside the configured share and its binomial range. The
 * pods count every request, whichever way it came: through this route, another, or the Service.
 * A Deployment behind two of the route's Services is counted for each.
 */
export function observedRouteSplit(
  route: Pick<WeightedRoute, 'backends'>,
  behind: Readonly<Record<string, readonly string[]>>,
  served: Readonly<Record<string, number>>,
): ObservedSplit {
  const byService: Record<string, number> = {};
  for (const b of route.backends)
    byService[b.service] = (behind[b.service] ?? []).reduce((sum, d) => sum + (served[d] ?? 0), 0);
  return observedSplit(
    route.backends.map((b) => ({ deployment: b.service, expected: b.share })),
    byService,
  );
}

/**
 * A route's parent Gateway as this namespace's watch sees it: its state in one line, or why it
 * cannot be shown. `gateways` undefined: not loaded yet.
 */
export function parentGatewayLine(
  parent: string,
  gateways: readonly GatewaySummary[] | undefined,
): { ok: boolean; text: string } | null {
  if (gateways === undefined) return null;
  if (parent.includes(' ')) return { ok: true, text: `parent ${parent}: not a Gateway, not shown` };
  if (parent.includes('/'))
    return { ok: true, text: `Gateway ${parent}: in another namespace, which this page does not watch` };
  const g = gateways.find((x) => x.name === parent);
  if (!g) return { ok: false, text: `Gateway ${parent}: not found in this namespace` };
  return describeGateway(g);
}

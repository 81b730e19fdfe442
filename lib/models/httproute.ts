// HTTPRoute (gateway.networking.k8s.io/v1) → HttpRouteSummary: hostnames, and per rule the
// backends with their weights. A backendRef's weight defaults to 1; a rule sends each backend
// weight / sum of weights of the requests it matches.
// https://gateway-api.sigs.k8s.io/reference/spec/#httpbackendref
import { conditionOf } from './gateway';
import { toObjectRef, type RawObjectMeta } from './meta';
import type { HttpRouteRule, HttpRouteSummary, RouteCondition, RouteParentStatus } from './types';

export type { HttpRouteBackend, HttpRouteRule, HttpRouteSummary, RouteParentStatus } from './types';

export interface RawHttpRoute {
  metadata?: RawObjectMeta;
  spec?: {
    hostnames?: string[];
    parentRefs?: { name?: string; namespace?: string; kind?: string }[];
    rules?: {
      matches?: {
        path?: { type?: string; value?: string };
        headers?: { name?: string; value?: string; type?: string }[];
        queryParams?: { name?: string; value?: string }[];
        method?: string;
      }[];
      backendRefs?: {
        group?: string;
        kind?: string;
        name?: string;
        namespace?: string;
        port?: number;
        weight?: number;
      }[];
    }[];
  };
  status?: {
    parents?: {
      parentRef?: { name?: string; namespace?: string; kind?: string };
      controllerName?: string;
      conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
    }[];
  };
}

type RawRef = { name?: string; namespace?: string; kind?: string };
const parentName = (p: RawRef) =>
  `${p.kind && p.kind !== 'Gateway' ? `${p.kind} ` : ''}${p.namespace ? `${p.namespace}/` : ''}${p.name ?? '?'}`;

const MAX_PARENTS = 16;

function routeStatus(raw: RawHttpRoute): RouteParentStatus[] {
  return (raw.status?.parents ?? []).slice(0, MAX_PARENTS).map((p) => ({
    parent: parentName(p.parentRef ?? {}),
    controller: (p.controllerName ?? '').slice(0, 200),
    accepted: conditionOf(p.conditions, 'Accepted'),
    resolvedRefs: conditionOf(p.conditions, 'ResolvedRefs'),
  }));
}

function describeMatch(
  m: NonNullable<NonNullable<NonNullable<RawHttpRoute['spec']>['rules']>[number]['matches']>[number],
): string {
  const parts = [`${m.path?.type ?? 'PathPrefix'} ${m.path?.value ?? '/'}`];
  for (const h of m.headers ?? [])
    parts.push(`header ${h.name ?? '?'}${h.type === 'RegularExpression' ? '~' : '='}${h.value ?? ''}`);
  for (const q of m.queryParams ?? []) parts.push(`query ${q.name ?? '?'}=${q.value ?? ''}`);
  if (m.method) parts.push(m.method);
  return parts.join(' ');
}

export function toHttpRouteSummary(raw: RawHttpRoute): HttpRouteSummary {
  return {
    ...toObjectRef(raw.metadata),
    hostnames: [...(raw.spec?.hostnames ?? [])],
    parents: (raw.spec?.parentRefs ?? []).map(parentName),
    rules: (raw.spec?.rules ?? []).map((r, index) => ({
      index,
      matches: (r.matches ?? []).map(describeMatch),
      backends: (r.backendRefs ?? []).map((b) => ({
        kind: b.group && b.group !== 'core' ? `${b.kind ?? 'Service'}.${b.group}` : (b.kind ?? 'Service'),
        name: b.name ?? '',
        namespace: b.namespace ?? null,
        port: b.port ?? null,
        // the API defaults and bounds it (0..1,000,000); a hand-made object may not have passed there
        weight: Number.isInteger(b.weight) && (b.weight as number) >= 0 ? (b.weight as number) : 1,
      })),
    })),
    status: routeStatus(raw),
  };
}

/** Each backend's share of the rule's traffic; all 0 when every weight is 0 (the rule then answers 500). */
export function ruleShares(rule: HttpRouteRule): number[] {
  const total = rule.backends.reduce((sum, b) => sum + b.weight, 0);
  return rule.backends.map((b) => (total > 0 ? b.weight / total : 0));
}

/**
 * What a user must know before trusting a route's weights, from its status: null when every parent
 * Gateway accepted it and resolved its backends. A route no controller reported on routes nothing.
 */
export function routeStatusProblems(r: Pick<HttpRouteSummary, 'parents' | 'status'>): string[] {
  if (r.status.length === 0)
    return [
      `no gateway controller has accepted this route${r.parents.length > 0 ? ` (parent ${r.parents.join(', ')})` : ''}: it routes nothing yet`,
    ];
  const out: string[] = [];
  for (const s of r.status) {
    const why = (c: RouteCondition) => `${c.reason || c.status}${c.message ? `: ${c.message}` : ''}`;
    if (s.accepted?.status !== 'True')
      out.push(
        `not Accepted by Gateway ${s.parent}${s.accepted ? ` (${why(s.accepted)})` : ''}: these weights do not apply there`,
      );
    else if (s.resolvedRefs && s.resolvedRefs.status !== 'True')
      out.push(`Gateway ${s.parent}: a backend does not resolve (${why(s.resolvedRefs)})`);
  }
  return out;
}

// HTTPRoute (gateway.networking.k8s.io/v1) → HttpRouteSummary: hostnames, and per rule the
// backends with their weights. A backendRef's weight defaults to 1; a rule sends each backend
// weight / sum of weights of the requests it matches.
// https://gateway-api.sigs.k8s.io/reference/spec/#httpbackendref
import { toObjectRef, type RawObjectMeta } from './meta';
import type { HttpRouteRule, HttpRouteSummary } from './types';

export type { HttpRouteBackend, HttpRouteRule, HttpRouteSummary } from './types';

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
    parents: (raw.spec?.parentRefs ?? []).map(
      (p) =>
        `${p.kind && p.kind !== 'Gateway' ? `${p.kind} ` : ''}${p.namespace ? `${p.namespace}/` : ''}${p.name ?? '?'}`,
    ),
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
  };
}

/** Each backend's share of the rule's traffic; all 0 when every weight is 0 (the rule then answers 500). */
export function ruleShares(rule: HttpRouteRule): number[] {
  const total = rule.backends.reduce((sum, b) => sum + b.weight, 0);
  return rule.backends.map((b) => (total > 0 ? b.weight / total : 0));
}

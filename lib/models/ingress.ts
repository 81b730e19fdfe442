// Ingress (networking.k8s.io/v1) → IngressSummary: hosts, paths and the Services they reach, and
// ingress-nginx's canary annotations, parsed the way the controller reads them (a malformed weight
// counts as 0 there, and is reported here).
// https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#canary
import { toObjectRef, type RawObjectMeta } from './meta';
import type { IngressBackend, IngressPath, IngressSummary, NginxCanary } from './types';

export type { IngressBackend, IngressPath, IngressSummary, NginxCanary } from './types';

export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';

interface RawBackend {
  service?: { name?: string; port?: { name?: string; number?: number } };
  resource?: { kind?: string; name?: string };
}

export interface RawIngress {
  metadata?: RawObjectMeta;
  spec?: {
    ingressClassName?: string;
    defaultBackend?: RawBackend;
    rules?: {
      host?: string;
      http?: { paths?: { path?: string; pathType?: string; backend?: RawBackend }[] };
    }[];
  };
}

function backendOf(b: RawBackend | undefined): IngressBackend | null {
  const name = b?.service?.name;
  if (!name) return null;
  const port = b.service?.port;
  return { service: name, port: port?.name || (port?.number !== undefined ? String(port.number) : null) };
}

// Go's strconv.ParseBool, which ingress-nginx uses
const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** A whole number as Go's strconv.Atoi reads it (optional sign, digits only); null otherwise. */
function atoi(v: string): number | null {
  return /^[+-]?\d{1,9}$/.test(v) ? Number(v) : null;
}

/** The canary annotations of one Ingress; null when none is set. */
export function parseNginxCanary(
  annotations: Readonly<Record<string, string>> | undefined,
): NginxCanary | null {
  const a = (k: string) => annotations?.[NGINX_PREFIX + k];
  const keys = [
    'canary',
    'canary-weight',
    'canary-weight-total',
    'canary-by-header',
    'canary-by-header-value',
    'canary-by-header-pattern',
    'canary-by-cookie',
  ];
  if (!keys.some((k) => a(k) !== undefined)) return null;
  const problems: string[] = [];
  const flag = a('canary');
  if (flag !== undefined && !TRUE.has(flag) && !FALSE.has(flag))
    problems.push(`canary "${flag}" is not true or false: read as false`);
  const enabled = flag !== undefined && TRUE.has(flag);
  if (!enabled && flag === undefined)
    problems.push('canary annotations without canary: "true" have no effect');

  let weightTotal = 100;
  const totalText = a('canary-weight-total');
  if (totalText !== undefined) {
    const t = atoi(totalText.trim());
    if (t === null || t <= 0)
      problems.push(`canary-weight-total "${totalText}" is not a positive whole number: 100 is used`);
    else weightTotal = t;
  }
  let weight = 0;
  const weightText = a('canary-weight');
  if (weightText !== undefined) {
    const w = atoi(weightText.trim());
    if (w === null)
      problems.push(`canary-weight "${weightText}" is not a whole number: ingress-nginx reads it as 0`);
    else if (w < 0) problems.push(`canary-weight ${w} is negative: no request goes to the canary`);
    else if (w > weightTotal) {
      problems.push(`canary-weight ${w} is above the total ${weightTotal}: every request goes to the canary`);
      weight = weightTotal;
    } else weight = w;
  }
  return {
    enabled,
    weight,
    weightTotal,
    byHeader: a('canary-by-header') || null,
    byHeaderValue: a('canary-by-header-value') || null,
    byHeaderPattern: a('canary-by-header-pattern') || null,
    byCookie: a('canary-by-cookie') || null,
    problems,
  };
}

export function toIngressSummary(raw: RawIngress): IngressSummary {
  const paths: IngressPath[] = [];
  for (const rule of raw.spec?.rules ?? []) {
    for (const p of rule.http?.paths ?? []) {
      const backend = backendOf(p.backend);
      if (backend)
        paths.push({
          host: rule.host || null,
          path: p.path || '/',
          pathType: p.pathType ?? 'ImplementationSpecific',
          ...backend,
        });
    }
  }
  return {
    ...toObjectRef(raw.metadata),
    className:
      raw.spec?.ingressClassName ?? raw.metadata?.annotations?.['kubernetes.io/ingress.class'] ?? null,
    paths,
    defaultBackend: backendOf(raw.spec?.defaultBackend),
    canary: parseNginxCanary(raw.metadata?.annotations),
  };
}

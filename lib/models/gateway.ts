// Gateway (gateway.networking.k8s.io/v1) → GatewaySummary: its class, its listeners and what the
// controller says of each (Accepted, Programmed, the routes attached), so a canary's route can show
// whether the Gateway it names is there and serving. A controller's words are bounded plain text.
// https://gateway-api.sigs.k8s.io/reference/spec/#gatewaystatus
import { toObjectRef, type RawObjectMeta } from './meta';
import type { GatewayListener, GatewaySummary, RouteCondition } from './types';

export type { GatewayListener, GatewaySummary } from './types';

type RawCondition = { type?: string; status?: string; reason?: string; message?: string };

export interface RawGateway {
  metadata?: RawObjectMeta;
  spec?: {
    gatewayClassName?: string;
    listeners?: { name?: string; port?: number; protocol?: string; hostname?: string }[];
  };
  status?: {
    addresses?: { value?: string }[];
    conditions?: RawCondition[];
    listeners?: { name?: string; attachedRoutes?: number; conditions?: RawCondition[] }[];
  };
}

const MAX_LISTENERS = 64;

/** One condition of a status list, bounded; null when the controller has not written it. */
export function conditionOf(list: readonly RawCondition[] | undefined, type: string): RouteCondition | null {
  const c = (list ?? []).find((x) => x.type === type);
  if (!c) return null;
  return {
    status: c.status === 'True' || c.status === 'False' ? c.status : 'Unknown',
    reason: (c.reason ?? '').slice(0, 100),
    message: (c.message ?? '').slice(0, 300),
  };
}

export function toGatewaySummary(raw: RawGateway): GatewaySummary {
  const statuses = new Map((raw.status?.listeners ?? []).map((l) => [l.name ?? '', l]));
  return {
    ...toObjectRef(raw.metadata),
    className: raw.spec?.gatewayClassName ?? '',
    addresses: (raw.status?.addresses ?? []).slice(0, 8).map((a) => (a.value ?? '').slice(0, 253)),
    accepted: conditionOf(raw.status?.conditions, 'Accepted'),
    programmed: conditionOf(raw.status?.conditions, 'Programmed'),
    listeners: (raw.spec?.listeners ?? []).slice(0, MAX_LISTENERS).map((l): GatewayListener => {
      const s = statuses.get(l.name ?? '');
      return {
        name: l.name ?? '',
        port: l.port ?? null,
        protocol: l.protocol ?? '',
        hostname: l.hostname ?? null,
        attachedRoutes: Number.isInteger(s?.attachedRoutes) ? (s?.attachedRoutes as number) : null,
        accepted: conditionOf(s?.conditions, 'Accepted'),
        programmed: conditionOf(s?.conditions, 'Programmed'),
      };
    }),
  };
}

/** One line for a route's parent: "Gateway echo (traefik): Programmed; listener http :8000 HTTP, 1 route". */
export function describeGateway(g: GatewaySummary): { ok: boolean; text: string } {
  const state = (c: RouteCondition | null, what: string) =>
    c === null
      ? `${what} not reported yet`
      : c.status === 'True'
        ? what
        : `not ${what} (${c.reason || c.status}${c.message ? `: ${c.message}` : ''})`;
  const listeners = g.listeners.map((l) => {
    const problems = [l.accepted, l.programmed].filter((c) => c !== null && c.status !== 'True');
    const routes =
      l.attachedRoutes === null ? '' : `, ${l.attachedRoutes} route${l.attachedRoutes === 1 ? '' : 's'}`;
    return `listener ${l.name} :${l.port ?? '?'} ${l.protocol}${routes}${problems.length > 0 ? ` — ${problems.map((c) => c?.reason).join(', ')}` : ''}`;
  });
  const ok =
    g.programmed?.status === 'True' &&
    g.listeners.every((l) => l.accepted?.status !== 'False' && l.programmed?.status !== 'False');
  return {
    ok,
    text: `Gateway ${g.name}${g.className ? ` (${g.className})` : ''}: ${state(g.programmed, 'Programmed')}${listeners.length > 0 ? `; ${listeners.join('; ')}` : ''}`,
  };
}

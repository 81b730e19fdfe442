// EndpointSlice → EndpointSliceSummary: which pods a Service sends traffic to right now.
// https://kubernetes.io/docs/concepts/services-networking/endpoint-slices/#conditions
import type { EndpointSliceSummary } from './types';
import { toObjectRef, type RawObjectMeta } from './meta';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

export interface RawEndpointSlice {
  metadata?: RawObjectMeta;
  addressType?: string;
  endpoints?: {
    addresses?: string[];
    conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
    targetRef?: { kind?: string; name?: string; namespace?: string; uid?: string };
    nodeName?: string;
  }[];
}

export function toEndpointSliceSummary(raw: RawEndpointSlice): EndpointSliceSummary {
  return {
    ...toObjectRef(raw.metadata),
    service: raw.metadata?.labels?.[SERVICE_NAME_LABEL] ?? null,
    endpoints: (raw.endpoints ?? []).map((e) => ({
      // pod-backed endpoints carry exactly one address
      ip: e.addresses?.[0] ?? '',
      // the API says: a missing ready or serving means true, a missing terminating means false
      ready: e.conditions?.ready ?? true,
      serving: e.conditions?.serving ?? true,
      terminating: e.conditions?.terminating ?? false,
      pod: e.targetRef?.kind === 'Pod' ? (e.targetRef.name ?? null) : null,
    })),
  };
}

/** Names of pods with a ready endpoint in any slice of the Service (dual-stack lists a pod twice). */
export function readyPodNames(slices: readonly EndpointSliceSummary[], service: string): Set<string> {
  const names = new Set<string>();
  for (const slice of slices) {
    if (slice.service !== service) continue;
    for (const e of slice.endpoints) if (e.ready && e.pod) names.add(e.pod);
  }
  return names;
}

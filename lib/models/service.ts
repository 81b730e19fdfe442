// Service → ServiceSummary: what it selects and which ports it forwards where.
import type { ServiceSummary } from './types';
import type { IntOrString } from './container';
import { toObjectRef, type RawObjectMeta } from './meta';

export interface RawService {
  metadata?: RawObjectMeta;
  spec?: {
    type?: string;
    selector?: Record<string, string>;
    clusterIP?: string;
    ports?: {
      name?: string;
      port?: number;
      targetPort?: IntOrString;
      protocol?: string;
      nodePort?: number;
    }[];
  };
}

export function toServiceSummary(raw: RawService): ServiceSummary {
  const spec = raw.spec;
  return {
    ...toObjectRef(raw.metadata),
    type: spec?.type ?? 'ClusterIP',
    selector: { ...spec?.selector },
    ports: (spec?.ports ?? []).map((p) => ({
      name: p.name || null,
      port: p.port ?? 0,
      // targetPort defaults to port; a string names a container port
      targetPort: String(p.targetPort ?? p.port ?? ''),
      protocol: p.protocol ?? 'TCP',
    })),
    // "None" is kept: it is how a person recognises a headless Service
    clusterIP: spec?.clusterIP || null,
  };
}

import 'server-only';
import { toDeploymentSummary } from '../models/deployment';
import { toEndpointSliceSummary } from '../models/endpointslice';
import { toEventRow } from '../models/event';
import { toGatewaySummary } from '../models/gateway';
import { toHpaSummary } from '../models/hpa';
import { toHttpRouteSummary } from '../models/httproute';
import { toIngressSummary } from '../models/ingress';
import { toPodRow } from '../models/pod';
import { toReplicaSetSummary } from '../models/replicaset';
import { toServiceSummary } from '../models/service';
import type { KindSummaryMap, WatchedKind } from '../models/types';

// What the watch hub lists and watches for each kind, and how each raw object is reshaped.

interface ResourceDef<K extends WatchedKind> {
  path: (namespace: string) => string;
  summarize: (raw: never) => KindSummaryMap[K];
  /** a CRD that may not be installed: a 404 reads as an empty list, asked again every minute */
  optional?: boolean;
}

export const RESOURCES: { [K in WatchedKind]: ResourceDef<K> } = {
  deployments: { path: (ns) => `/apis/apps/v1/namespaces/${ns}/deployments`, summarize: toDeploymentSummary },
  replicasets: { path: (ns) => `/apis/apps/v1/namespaces/${ns}/replicasets`, summarize: toReplicaSetSummary },
  pods: { path: (ns) => `/api/v1/namespaces/${ns}/pods`, summarize: toPodRow },
  services: { path: (ns) => `/api/v1/namespaces/${ns}/services`, summarize: toServiceSummary },
  endpointslices: {
    path: (ns) => `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`,
    summarize: toEndpointSliceSummary,
  },
  hpas: {
    path: (ns) => `/apis/autoscaling/v2/namespaces/${ns}/horizontalpodautoscalers`,
    summarize: toHpaSummary,
  },
  events: { path: (ns) => `/api/v1/namespaces/${ns}/events`, summarize: toEventRow },
  ingresses: {
    path: (ns) => `/apis/networking.k8s.io/v1/namespaces/${ns}/ingresses`,
    summarize: toIngressSummary,
  },
  httproutes: {
    path: (ns) => `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/httproutes`,
    summarize: toHttpRouteSummary,
    optional: true,
  },
  gateways: {
    path: (ns) => `/apis/gateway.networking.k8s.io/v1/namespaces/${ns}/gateways`,
    summarize: toGatewaySummary,
    optional: true,
  },
};

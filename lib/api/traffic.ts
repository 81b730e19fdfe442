// The browser side of the traffic and canary routes: every call goes through callAction (CSRF,
// errors as ActionError). The request loops themselves run on the server.
import type {
  CanaryRequest,
  LoadRequest,
  ProbeRequest,
  RouteSplitRequest,
  SplitRequest,
  TrafficStarted,
  WsLoadRequest,
} from '../models/traffic-contract';
import { callAction } from './actions';

const seg = encodeURIComponent;
const svc = (ns: string, service: string, what: string) =>
  `/api/namespaces/${seg(ns)}/traffic/${seg(service)}/${what}`;
export const trafficInfoKey = (ns: string) => `/api/namespaces/${seg(ns)}/traffic`;

export const startProbe = (ns: string, service: string, body: ProbeRequest) =>
  callAction<TrafficStarted>('POST', svc(ns, service, 'probe'), body);
export const stopProbe = (ns: string, service: string) =>
  callAction<{ stopped: boolean }>('DELETE', svc(ns, service, 'probe'));
export const sampleSplit = (ns: string, service: string, body: SplitRequest) =>
  callAction<TrafficStarted>('POST', svc(ns, service, 'split'), body);
export const sampleRouteSplit = (ns: string, route: string, body: RouteSplitRequest) =>
  callAction<TrafficStarted>('POST', `/api/namespaces/${seg(ns)}/httproutes/${seg(route)}/split`, body);
export const startLoad = (ns: string, service: string, body: LoadRequest) =>
  callAction<TrafficStarted>('POST', svc(ns, service, 'load'), body);
export const stopLoad = (ns: string, service: string) =>
  callAction<{ stopped: boolean }>('DELETE', svc(ns, service, 'load'));

export const startWsLoad = (ns: string, service: string, body: WsLoadRequest) =>
  callAction<TrafficStarted>('POST', svc(ns, service, 'ws'), body);
export const stopWsLoad = (ns: string, service: string) =>
  callAction<{ stopped: boolean }>('DELETE', svc(ns, service, 'ws'));

export const canaryAction = (ns: string, body: CanaryRequest) =>
  callAction<{ changed: string[] }>('POST', `/api/namespaces/${seg(ns)}/canary`, body);
export const setIngressCanaryWeight = (ns: string, ingress: string, weight: number) =>
  callAction<{ weight: number; previous: string | null }>(
    'PATCH',
    `/api/namespaces/${seg(ns)}/ingresses/${seg(ingress)}/canary-weight`,
    { weight },
  );
export const setHttpRouteWeight = (
  ns: string,
  route: string,
  rule: number,
  backend: number,
  weight: number,
) =>
  callAction<{ weight: number; previous: number }>(
    'PATCH',
    `/api/namespaces/${seg(ns)}/httproutes/${seg(route)}/weight`,
    { rule, backend, weight },
  );

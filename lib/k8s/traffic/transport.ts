import 'server-only';
import { Agent, request, type Dispatcher } from 'undici';
import { classifyAnswer, classifyThrown, type Answer } from '../../models/traffic-answer';
import type { TrafficTransport } from '../../models/traffic';
import { TRAFFIC_PATH_RE } from '../../models/traffic-contract';
import { toServiceSummary, type RawService } from '../../models/service';
import type { ServiceSummary } from '../../models/types';
import { apiUrl, getCluster, k8sRequest } from '../client';
import { K8sError } from '../errors';

// How Podium's request loops reach a Service. Outside the cluster: through the API server's
// services/proxy, authenticated with the kubeconfig's own credentials; the API server picks a ready
// endpoint for every request. In a pod: straight to the ClusterIP, where kube-proxy picks an
// endpoint per connection, so a loop that measures the spread opens one connection per request.
// Each run gets its own undici pool, sized to its concurrency, so a load run never queues behind
// (or starves) the watch hub's connections to the API server.
// https://kubernetes.io/docs/tasks/access-application-cluster/access-cluster-services/#manually-constructing-apiserver-proxy-urls

export interface Target {
  namespace: string;
  service: string;
  /** the Service port's name, or its number as text */
  port: string;
  /** absolute path with an optional query, validated by safePath */
  path: string;
}

export interface TimedAnswer extends Answer {
  ms: number;
}

export interface Sender {
  transport: TrafficTransport;
  /** one GET; never throws: a failure is an answer with ok false */
  send(signal: AbortSignal): Promise<TimedAnswer>;
  close(): Promise<void>;
}

export interface SenderOptions {
  /** connections in the pool (the run's concurrency) */
  connections: number;
  timeoutMs: number;
  /**
   * false: a new connection per request straight to a ClusterIP, so kube-proxy spreads every
   * request. Through the API server connections are always kept: it picks an endpoint per request.
   */
  keepAlive: boolean;
  /** tests only: a plain-HTTP base URL on 127.0.0.1 standing in for a ClusterIP */
  directBaseUrl?: string;
}

/** A path Podium may send through the proxy: no "..", ".", "//" segments, no percent-encoding. */
export function safePath(path: string): string | null {
  if (path.length > 256 || !TRAFFIC_PATH_RE.test(path)) return null;
  const segments = (path.split('?')[0] ?? '').slice(1).split('/');
  if (segments.some((s, i) => s === '.' || s.includes('..') || (s === '' && i < segments.length - 1)))
    return null;
  return path;
}

export function transportInUse(): TrafficTransport {
  return getCluster().source === 'in-cluster service account' ? 'cluster-ip' : 'apiserver-proxy';
}

/** The Service and the port to use; a clear error when it cannot carry a request loop. */
export async function resolveTarget(
  namespace: string,
  service: string,
  port: string | undefined,
): Promise<{ svc: ServiceSummary; port: string }> {
  const raw = await k8sRequest<RawService>(`/api/v1/namespaces/${namespace}/services/${service}`, {
    what: `get service ${service}`,
  });
  const svc = toServiceSummary(raw);
  if (svc.type === 'ExternalName')
    throw new K8sError(
      409,
      'ExternalName',
      `service ${service} is an ExternalName: it points outside the cluster, and Podium sends no traffic there`,
    );
  if (svc.ports.length === 0) throw new K8sError(409, 'NoPorts', `service ${service} has no ports`);
  const chosen = port ? svc.ports.find((p) => p.name === port || String(p.port) === port) : svc.ports[0];
  if (!chosen)
    throw new K8sError(
      400,
      'NoSuchPort',
      `service ${service} has no port "${port}" (ports: ${svc.ports.map((p) => p.name ?? p.port).join(', ')})`,
    );
  if (chosen.protocol !== 'TCP')
    throw new K8sError(
      409,
      'NotTcp',
      `port ${chosen.name ?? chosen.port} of service ${service} is ${chosen.protocol}, not TCP`,
    );
  return { svc, port: chosen.name ?? String(chosen.port) };
}

export interface Endpoint {
  url: string;
  headers: Record<string, string>;
  dispatcher: Dispatcher;
  transport: TrafficTransport;
}

/** The kubeconfig's TLS material and auth headers, as client-node applies them (token, exec, certs). */
export async function apiServerCredentials(): Promise<{ tls: TlsMaterial; headers: Record<string, string> }> {
  const cluster = getCluster();
  if (cluster.error) throw new K8sError(503, 'NoConfig', cluster.error);
  const https: TlsMaterial & { headers?: Record<string, string>; auth?: string } = {};
  await cluster.kc.applyToHTTPSOptions(https as never);
  const headers: Record<string, string> = { ...https.headers };
  if (https.auth) headers.authorization = `Basic ${Buffer.from(https.auth).toString('base64')}`;
  const { ca, cert, key, rejectUnauthorized, servername } = https;
  return { tls: { ca, cert, key, rejectUnauthorized, servername }, headers };
}

export interface TlsMaterial {
  ca?: Buffer | string;
  cert?: Buffer | string;
  key?: Buffer | string;
  rejectUnauthorized?: boolean;
  servername?: string;
}

/** The API server's services/proxy URL of the target. */
export const serviceProxyUrl = (target: Target) =>
  apiUrl(
    `/api/v1/namespaces/${target.namespace}/services/${target.service}:${target.port}/proxy${target.path}`,
  );

async function proxyEndpoint(target: Target, opts: SenderOptions): Promise<Endpoint> {
  const { tls, headers } = await apiServerCredentials();
  const dispatcher = new Agent({
    connections: opts.connections,
    pipelining: 1,
    keepAliveTimeout: 10_000,
    connect: tls,
  });
  return { url: serviceProxyUrl(target), headers, dispatcher, transport: 'apiserver-proxy' };
}

/** host:port of the Service's ClusterIP and port; a clear error for a headless Service. */
export async function clusterIpAddress(target: Target): Promise<string> {
  const { svc } = await resolveTarget(target.namespace, target.service, target.port);
  if (!svc.clusterIP || svc.clusterIP === 'None') {
    throw new K8sError(
      409,
      'Headless',
      `service ${target.service} is headless (no ClusterIP): there is nothing for kube-proxy to spread`,
    );
  }
  const port = svc.ports.find((p) => p.name === target.port || String(p.port) === target.port)?.port;
  const host = svc.clusterIP.includes(':') ? `[${svc.clusterIP}]` : svc.clusterIP;
  return `${host}:${port}`;
}

/** Tests and benchmarks: the app on 127.0.0.1 standing in for a ClusterIP, and nothing else. */
export function directOrigin(directBaseUrl: string): URL {
  const base = new URL(directBaseUrl);
  if (base.hostname !== '127.0.0.1') throw new Error('directBaseUrl is for tests on 127.0.0.1 only');
  return base;
}

async function clusterIpEndpoint(target: Target, opts: SenderOptions): Promise<Endpoint> {
  const dispatcher = new Agent({ connections: opts.connections, pipelining: 1 });
  if (opts.directBaseUrl) {
    const base = directOrigin(opts.directBaseUrl);
    return { url: `${base.origin}${target.path}`, headers: {}, dispatcher, transport: 'cluster-ip' };
  }
  const url = `http://${await clusterIpAddress(target)}${target.path}`;
  return { url, headers: {}, dispatcher, transport: 'cluster-ip' };
}

/** Reads at most `limit` bytes of a body, then lets the rest go. */
async function readPrefix(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  let text = '';
  for await (const chunk of body) {
    text += chunk.toString('utf8');
    if (text.length >= limit) {
      body.destroy();
      break;
    }
  }
  return text.slice(0, limit);
}

export async function createSender(target: Target, opts: SenderOptions): Promise<Sender> {
  const transport = opts.directBaseUrl ? 'cluster-ip' : transportInUse();
  const ep =
    transport === 'cluster-ip' ? await clusterIpEndpoint(target, opts) : await proxyEndpoint(target, opts);
  return senderFor(ep, {
    timeoutMs: opts.timeoutMs,
    reset: !opts.keepAlive && ep.transport !== 'apiserver-proxy',
  });
}

/**
 * GETs of one endpoint, timed and classified; never throws. `reset`: a new connection per request.
 * Also the gateway's sender (gateway.ts), with the route's Host header in `ep.headers`.
 */
export function senderFor(ep: Endpoint, opts: { timeoutMs: number; reset: boolean }): Sender {
  const viaApiServer = ep.transport === 'apiserver-proxy';
  return {
    transport: ep.transport,
    async send(signal) {
      const t0 = performance.now();
      try {
        const res = await request(ep.url, {
          method: 'GET',
          headers: { ...ep.headers, accept: 'application/json' },
          dispatcher: ep.dispatcher,
          signal,
          headersTimeout: opts.timeoutMs,
          bodyTimeout: opts.timeoutMs,
          reset: opts.reset,
        });
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(res.headers)) headers[k] = Array.isArray(v) ? v[0] : v;
        // the app's headers say who answered; the body is read only when they do not (or on an error)
        const needBody = !headers['x-app-version'] || res.statusCode >= 400;
        const body = needBody ? await readPrefix(res.body, 2048) : (await res.body.dump(), '');
        return {
          ...classifyAnswer({ status: res.statusCode, headers, body, viaApiServer }),
          ms: performance.now() - t0,
        };
      } catch (err) {
        return { ...classifyThrown(err, opts.timeoutMs), ms: performance.now() - t0 };
      }
    },
    close: () => ep.dispatcher.close().catch(() => undefined),
  };
}

import 'server-only';
import { Agent } from 'undici';
import { K8sError } from '../errors';
import { senderFor, type Sender } from './transport';

// The gateway's entry: where Podium sends a route's requests, with the Host header the route names,
// so the gateway controller (not the API server, not kube-proxy) chooses the backend by its weights.
// Set by the operator (PODIUM_GATEWAY_URL; chart value gateway.url); scripts/start.sh sets it to the
// built-in cluster's loopback entry (scripts/cluster/addons.sh entry). Podium sends to no other
// address for a route (undici's request follows no redirect).

/** PODIUM_GATEWAY_URL as a URL, or a sentence saying why there is none. */
export function gatewayEntry(
  env: NodeJS.ProcessEnv = process.env,
): { ok: true; url: URL } | { ok: false; error: string } {
  const raw = env.PODIUM_GATEWAY_URL?.trim();
  if (!raw)
    return {
      ok: false,
      error:
        "no gateway entry configured (PODIUM_GATEWAY_URL): Podium does not know where the gateway's listener is",
    };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: 'PODIUM_GATEWAY_URL is not a URL' };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
    return { ok: false, error: 'PODIUM_GATEWAY_URL must be an http(s) URL without credentials' };
  return { ok: true, url };
}

/** The entry as a message names it: scheme, host and port only. */
export const entryText = (url: URL) => `${url.protocol}//${url.host}`;

/**
 * GETs of `path` on the gateway's entry with `Host: host`, one pool of `connections`. A 404 from
 * the gateway itself (no route matched the host) is said as such, not as the app's.
 */
export function createGatewaySender(
  entry: URL,
  host: string,
  path: string,
  opts: { connections: number; timeoutMs: number },
): Sender {
  const dispatcher = new Agent({ connections: opts.connections, pipelining: 1 });
  const inner = senderFor(
    { url: `${entry.origin}${path}`, headers: { host }, dispatcher, transport: 'gateway' },
    { timeoutMs: opts.timeoutMs, reset: false },
  );
  return {
    ...inner,
    async send(signal) {
      const a = await inner.send(signal);
      if (!a.ok && a.pod === null && a.version === null && a.status === 404)
        a.message = `the gateway at ${entryText(entry)} matched no route for host ${host} (404): is the HTTPRoute Accepted?`;
      return a;
    },
  };
}

/** The Host header for a route: its first hostname; a wildcard's first label filled in. */
export function routeHost(hostnames: readonly string[], entry: URL): string {
  const first = hostnames[0];
  if (!first) return entry.host;
  return first.startsWith('*.') ? `podium${first.slice(1)}` : first;
}

export function requireGatewayEntry(): URL {
  const e = gatewayEntry();
  if (!e.ok) throw new K8sError(409, 'NoGateway', e.error);
  return e.url;
}

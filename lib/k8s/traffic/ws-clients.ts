import 'server-only';
import WebSocket from 'ws';
import { POD_HEADER, classifyAnswer, classifyThrown } from '../../models/traffic-answer';
import type { TrafficTransport } from '../../models/traffic';
import {
  wsAbandoned,
  wsClosed,
  wsConnecting,
  wsEchoed,
  wsFailed,
  wsOpened,
  wsSent,
  type WsTally,
} from '../../models/ws-load';
import {
  apiServerCredentials,
  clusterIpAddress,
  directOrigin,
  serviceProxyUrl,
  transportInUse,
  type Target,
} from './transport';

// The clients of a WebSocket load (the `ws` package, not a hand-written protocol). They reach the
// Service the way the HTTP loops do: through the API server's services/proxy with Podium's own
// credentials (the API server upgrades the connection and picks a ready endpoint for it), or in a pod
// straight to the ClusterIP (kube-proxy picks one). Either way an endpoint is chosen once per
// connection: that is the story's lesson. Each client connects once, sends its messages one at a
// time (each after the previous echo, and the pause), and closes with 1000.

export interface WsEndpoint {
  url: string;
  transport: TrafficTransport;
  options: WebSocket.ClientOptions;
}

export async function wsEndpoint(target: Target, directBaseUrl?: string): Promise<WsEndpoint> {
  const common: WebSocket.ClientOptions = {
    perMessageDeflate: false,
    maxPayload: 64 * 1024,
    followRedirects: false,
  };
  if (directBaseUrl) {
    const base = directOrigin(directBaseUrl);
    return { url: `ws://${base.host}${target.path}`, transport: 'cluster-ip', options: common };
  }
  if (transportInUse() === 'cluster-ip') {
    return {
      url: `ws://${await clusterIpAddress(target)}${target.path}`,
      transport: 'cluster-ip',
      options: common,
    };
  }
  const { tls, headers } = await apiServerCredentials();
  const url = serviceProxyUrl(target).replace(/^http/, 'ws');
  return { url, transport: 'apiserver-proxy', options: { ...common, ...tls, headers } };
}

/** The clients' sockets not yet closed, in this process: a stopped run must leave none. */
const live = new Set<WebSocket>();
export const openClientSockets = () => live.size;

export interface SessionPlan {
  messages: number;
  pauseMs: number;
  handshakeTimeoutMs: number;
  /**
   * After the last echo and Podium's close frame, how long to wait for the pod's own close frame
   * before cutting the socket (which counts as 1006). The story's app blocks its event loop per
   * message, so a pod still echoing its other clients answers a close only when their queue is done.
   */
  doneGraceMs: number;
  now: () => number;
  /** a failure's sentence goes here (the last one is shown) */
  onMessage: (text: string) => void;
  /** this client's handshake is over, either way */
  handshakeDone: () => void;
  /**
   * Resolves once every client's handshake is over: no client sends before. The story's app blocks
   * its event loop 100 ms per message, so a pod already echoing would starve the handshakes still
   * under way (59 of 500 missed 30 s through the API server when clients sent as soon as connected).
   */
  allConnected: Promise<void>;
}

/** After a close frame on a stopped run, how long to wait for the peer's before cutting the socket. */
export const CLOSE_GRACE_MS = 2_000;

/** One client's life. Resolves when its socket is closed; never throws. */
export function runSession(
  ep: WsEndpoint,
  plan: SessionPlan,
  tally: WsTally,
  signal: AbortSignal,
): Promise<void> {
  return new Promise<void>((resolve) => {
    wsConnecting(tally);
    const ws = new WebSocket(ep.url, { ...ep.options, handshakeTimeout: plan.handshakeTimeoutMs });
    live.add(ws);
    let pod: string | null = null;
    let opened = false;
    let settled = false; // the handshake's outcome was counted
    const settle = () => {
      if (settled) return false;
      settled = true;
      plan.handshakeDone();
      return true;
    };
    let closing = false; // Podium sent its close frame
    let sentAt = 0;
    let payload = '';
    let count = 0;
    const timers = new Set<NodeJS.Timeout>();
    const later = (ms: number, fn: () => void) => {
      const t = setTimeout(() => (timers.delete(t), fn()), ms);
      timers.add(t);
    };
    const close = (reason: string, graceMs = CLOSE_GRACE_MS) => {
      if (closing || ws.readyState !== WebSocket.OPEN) return;
      closing = true;
      ws.close(1000, reason);
      later(graceMs, () => ws.terminate());
    };
    const onAbort = () => {
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else close('run stopped');
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const sendNext = () => {
      if (signal.aborted || ws.readyState !== WebSocket.OPEN) return;
      payload = `podium ${count + 1}/${plan.messages}`;
      sentAt = performance.now();
      wsSent(tally);
      ws.send(payload);
    };

    ws.on('upgrade', (res) => {
      const name = res.headers[POD_HEADER];
      pod = typeof name === 'string' && name.length > 0 ? name.slice(0, 253) : null;
    });
    ws.on('unexpected-response', (_req, res) => {
      // plain HTTP instead of 101: the app (or the API server) answered, and says why in the body
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 2048) body += chunk;
      });
      res.once('end', () => failHandshake(res.statusCode ?? 0, res.headers, body));
      res.once('error', () => failHandshake(res.statusCode ?? 0, res.headers, body));
    });
    const failHandshake = (
      status: number,
      headers: Record<string, string | string[] | undefined>,
      body: string,
    ) => {
      if (!settle()) return;
      const flat = Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
      );
      const a = classifyAnswer({
        status,
        headers: flat,
        body,
        viaApiServer: ep.transport === 'apiserver-proxy',
      });
      // an app that answers a plain 2xx/3xx to the upgrade: the API server turns it into its own error
      // (apimachinery's upgradeaware.go: "invalid upgrade response: status code 200")
      const invalid = /invalid upgrade response: status code (\d+)/.exec(a.message ?? '');
      if (invalid) {
        wsFailed(tally, 'not-upgraded', plan.now());
        plan.onMessage(`the path does not upgrade to a WebSocket: the app answered HTTP ${invalid[1]}`);
      } else if (a.status === null) {
        // the API server's own failure: no endpoint, a refused pod, a missing Service
        wsFailed(tally, a.error ?? 'proxy-error', plan.now());
        plan.onMessage(a.message ?? `HTTP ${status}`);
      } else {
        wsFailed(tally, 'not-upgraded', plan.now());
        const why = a.ok ? '' : ` (${a.message})`;
        plan.onMessage(
          `${status === 426 ? 'the app wants an upgrade but did not give one' : 'the path does not upgrade to a WebSocket'}: the app answered HTTP ${status}${why}`,
        );
      }
      ws.terminate();
    };
    ws.on('open', () => {
      opened = true;
      settle();
      wsOpened(tally, pod, plan.now());
      void plan.allConnected.then(() => (signal.aborted ? close('run stopped') : sendNext()));
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary || data.toString() !== payload) return; // not our echo
      count++;
      wsEchoed(tally, pod, performance.now() - sentAt);
      if (count >= plan.messages) return close('done', plan.doneGraceMs);
      if (plan.pauseMs > 0) later(plan.pauseMs, sendNext);
      else sendNext();
    });
    ws.on('error', (err) => {
      if (!settle()) return;
      if (signal.aborted) return wsAbandoned(tally);
      const timedOut = /handshake has timed out/i.test(err.message);
      const a = classifyThrown(
        timedOut ? Object.assign(err, { name: 'TimeoutError' }) : err,
        plan.handshakeTimeoutMs,
      );
      wsFailed(tally, a.error ?? 'network', plan.now());
      plan.onMessage(
        timedOut ? `no handshake within ${plan.handshakeTimeoutMs} ms` : (a.message ?? err.message),
      );
    });
    ws.on('close', (code) => {
      if (opened) wsClosed(tally, pod, code, !closing && code !== 1006, plan.now());
      else if (settle()) wsAbandoned(tally);
      for (const t of timers) clearTimeout(t);
      signal.removeEventListener('abort', onAbort);
      live.delete(ws);
      resolve();
    });
  });
}

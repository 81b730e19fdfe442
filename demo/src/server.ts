// startServer: the whole app on one port, HTTP and WebSocket, with its readiness and shutdown state.
// main.ts calls it with the environment; tests call it in-process on port 0.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoConfig } from './config.ts';
import { createInemuri } from './inemuri.ts';
import { silentLogger, type Logger } from './log.ts';
import { createMetrics } from './metrics.ts';
import { handleRequest, requestUrl, type AppContext } from './routes.ts';
import { shutdownGracefully, type ShutdownResult } from './shutdown.ts';
import { createEchoSockets } from './websocket.ts';

export interface StartOptions extends Partial<DemoConfig> {
  log?: Logger;
  /** what /seppuku does after answering; the real app exits with code 1 */
  onSeppuku?: () => void;
}

export interface DemoServer {
  /** http://host:port, with the port actually bound */
  url: string;
  port: number;
  /** the SIGTERM sequence: not ready, drain, stop listening, finish requests, close WebSockets with 1001 */
  shutdown(): Promise<ShutdownResult>;
  /** tear down at once (tests): cuts every connection */
  close(): Promise<void>;
}

/** Probe and scrape requests are logged only when they fail: a probe every 2 s would drown the log. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export async function startServer(options: StartOptions = {}): Promise<DemoServer> {
  const log = options.log ?? silentLogger;
  const version = options.version ?? '1.0.0';
  const podName = options.podName ?? 'local';
  const startupDelayMs = options.startupDelayMs ?? 0;
  const metrics = createMetrics();
  const inemuri = createInemuri();
  let started = startupDelayMs === 0;
  let draining = false;
  let shuttingDown: Promise<ShutdownResult> | null = null;
  let listening = false;

  const startupTimer = started ? null : setTimeout(() => (started = true), startupDelayMs);

  const ctx: AppContext = {
    version,
    podName,
    podIp: options.podIp ?? null,
    echoDelayMs: options.echoDelayMs ?? 0,
    inemuriMs: options.inemuriMs ?? 10_000,
    metricsDebug: options.metricsDebug ?? false,
    metrics,
    inemuri,
    log,
    readiness: () =>
      draining
        ? { ready: false, reason: 'shutting down' }
        : started
          ? { ready: true, reason: null }
          : { ready: false, reason: 'starting' },
    onSeppuku: options.onSeppuku ?? (() => process.exit(1)),
  };

  const server = createServer();
  const sockets = createEchoSockets(ctx, () => [`X-App-Version: ${version}`, `X-Pod-Name: ${podName}`]);

  server.on('request', (req, res) => {
    const startedAt = performance.now();
    const path = requestUrl(req)?.pathname ?? 'other';
    res.setHeader('X-App-Version', version);
    res.setHeader('X-Pod-Name', podName);
    res.once('finish', () => {
      metrics.countRequest(path, res.statusCode, (performance.now() - startedAt) / 1000);
      if (!QUIET_PATHS.has(path) || res.statusCode !== 200) {
        const ms = Math.round(performance.now() - startedAt);
        log('request', { method: req.method ?? '', path: path.slice(0, 200), code: res.statusCode, ms });
      }
      // a keep-alive socket that just went idle must not hold the shutdown open
      if (shuttingDown && !listening) server.closeIdleConnections();
    });
    void (async () => {
      await inemuri.awake();
      // while draining, tell every client to reconnect, most likely to another pod
      if (draining) res.setHeader('Connection', 'close');
      await handleRequest(ctx, req, res);
    })().catch((err: unknown) => {
      log('request_error', { path, message: err instanceof Error ? err.message : String(err) });
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"error":"internal error"}\n');
    });
  });

  server.on('upgrade', (req, socket, head) => {
    sockets.handleUpgrade(req, socket, head).catch(() => socket.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host =
    options.host && options.host !== '0.0.0.0' && options.host !== '::' ? options.host : '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log('start', { port, version, pod: podName, startupDelayMs, echoDelayMs: ctx.echoDelayMs });

  listening = true;
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!listening) return resolve();
      listening = false;
      server.close(() => resolve());
    });

  const forceClose = () => {
    void stopListening();
    sockets.terminateAll();
    server.closeAllConnections();
  };

  return {
    url,
    port,
    shutdown() {
      shuttingDown ??= shutdownGracefully({
        drainMs: options.shutdownDrainMs ?? 0,
        timeoutMs: options.shutdownTimeoutMs ?? 10_000,
        log,
        beginDraining: () => {
          draining = true;
          if (startupTimer) clearTimeout(startupTimer);
        },
        stopListening,
        closeConnections: () => {
          server.closeIdleConnections();
          sockets.closeAll(1001, 'going away');
        },
        forceClose,
      });
      return shuttingDown;
    },
    async close() {
      if (startupTimer) clearTimeout(startupTimer);
      inemuri.cancel();
      const stopped = stopListening();
      forceClose();
      await stopped;
    },
  };
}

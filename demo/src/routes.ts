// The HTTP endpoints. Every story drives the app through one of these.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Inemuri } from './inemuri.ts';
import { blockEventLoop, burnCpu } from './load.ts';
import type { Logger } from './log.ts';
import { BAD_METRICS_PREFIX, serveBadMetrics } from './bad-metrics.ts';
import { METRICS_CONTENT_TYPE, type Metrics } from './metrics.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
export const CPU_MS_MIN = 1;
export const CPU_MS_MAX = 10_000;
/** /seppuku answers first, then dies this much later so the answer reaches the caller */
const SEPPUKU_DELAY_MS = 100;

export interface AppContext {
  version: string;
  podName: string;
  podIp: string | null;
  echoDelayMs: number;
  inemuriMs: number;
  /** METRICS_DEBUG=1: the misbehaving metrics endpoints of bad-metrics.ts */
  metricsDebug?: boolean;
  metrics: Metrics;
  inemuri: Inemuri;
  log: Logger;
  readiness(): { ready: boolean; reason: string | null };
  onSeppuku(): void;
}

/** The request target as a URL, or null when it does not parse (e.g. "GET http://[ HTTP/1.1"). */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

type Handler = (ctx: AppContext, req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

function json(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body) + '\n';
  res.writeHead(code, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Reads the whole body; past the limit it keeps draining (so the reply can still be sent) but returns null. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size <= limit ? Buffer.concat(chunks) : null;
}

const version: Handler = (ctx, _req, res) =>
  json(res, 200, { version: ctx.version, pod: ctx.podName, ip: ctx.podIp });

const echo: Handler = async (ctx, req, res) => {
  const body = await readBody(req, MAX_BODY_BYTES);
  if (body === null) return json(res, 413, { error: `body larger than ${MAX_BODY_BYTES} bytes` });
  blockEventLoop(ctx.echoDelayMs);
  res.writeHead(200, {
    'Content-Type': req.headers['content-type'] ?? 'application/octet-stream',
    'Content-Length': body.length,
  });
  res.end(body);
};

const healthz: Handler = (_ctx, _req, res) => json(res, 200, { status: 'ok' });

const readyz: Handler = (ctx, _req, res) => {
  const { ready, reason } = ctx.readiness();
  json(res, ready ? 200 : 503, ready ? { status: 'ready' } : { status: 'not ready', reason });
};

const inemuri: Handler = (ctx, _req, res) => {
  const seconds = ctx.inemuriMs / 1000;
  res.once('finish', () => {
    ctx.inemuri.sleep(ctx.inemuriMs);
    ctx.metrics.countInemuri();
    ctx.log('inemuri', { seconds });
  });
  json(res, 200, { status: 'sleeping', seconds, pod: ctx.podName, message: `Sleeping for ${seconds}s` });
};

const seppuku: Handler = (ctx, _req, res) => {
  res.once('finish', () => {
    ctx.log('seppuku', { exitCode: 1 });
    setTimeout(() => ctx.onSeppuku(), SEPPUKU_DELAY_MS);
  });
  json(res, 200, { status: 'terminating', exitCode: 1, pod: ctx.podName, message: 'Terminating' });
};

const cpu: Handler = async (_ctx, _req, res, url) => {
  const ms = Number(url.searchParams.get('ms'));
  if (!Number.isInteger(ms) || ms < CPU_MS_MIN || ms > CPU_MS_MAX) {
    return json(res, 400, { error: `ms must be an integer in ${CPU_MS_MIN}..${CPU_MS_MAX}` });
  }
  const burnedMs = await burnCpu(ms);
  json(res, 200, { requestedMs: ms, burnedMs: Math.round(burnedMs) });
};

const metrics: Handler = (ctx, _req, res) => {
  const text = ctx.metrics.render({
    inemuriActive: ctx.inemuri.active,
    ready: ctx.readiness().ready,
    version: ctx.version,
  });
  res.writeHead(200, { 'Content-Type': METRICS_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
};

/**
 * serving: the app's real work. While starting it answers 503 there, like an app still warming its
 * caches, so a Service that sends traffic before readiness (story 001 without a readinessProbe)
 * shows failed requests. Probes, metrics and the failure buttons always work.
 */
const ROUTES: Record<string, { methods: readonly string[]; serving: boolean; handle: Handler }> = {
  '/': { methods: ['GET', 'HEAD'], serving: true, handle: version },
  '/version': { methods: ['GET', 'HEAD'], serving: true, handle: version },
  '/echo': { methods: ['POST'], serving: true, handle: echo },
  '/cpu': { methods: ['GET', 'POST'], serving: true, handle: cpu },
  '/healthz': { methods: ['GET', 'HEAD'], serving: false, handle: healthz },
  '/readyz': { methods: ['GET', 'HEAD'], serving: false, handle: readyz },
  '/metrics': { methods: ['GET', 'HEAD'], serving: false, handle: metrics },
  '/inemuri': { methods: ['GET', 'POST'], serving: false, handle: inemuri },
  '/seppuku': { methods: ['GET', 'POST'], serving: false, handle: seppuku },
};

export async function handleRequest(
  ctx: AppContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = requestUrl(req);
  if (!url) return json(res, 400, { error: 'malformed request target' });
  const route = ROUTES[url.pathname];
  if (ctx.metricsDebug && url.pathname.startsWith(BAD_METRICS_PREFIX)) {
    if (serveBadMetrics(url.pathname.slice(BAD_METRICS_PREFIX.length), res)) return;
  }
  if (!route) {
    if (url.pathname === '/ws') return json(res, 426, { error: 'WebSocket upgrade required' });
    return json(res, 404, { error: `no route for ${url.pathname}` });
  }
  if (!route.methods.includes(req.method ?? 'GET')) {
    res.setHeader('Allow', route.methods.join(', '));
    return json(res, 405, { error: `${req.method} not allowed on ${url.pathname}` });
  }
  if (route.serving && ctx.readiness().reason === 'starting') {
    return json(res, 503, { error: 'starting', pod: ctx.podName });
  }
  await route.handle(ctx, req, res, url);
}

import 'server-only';
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { getConfig, namespaceAllowed } from '../config';
import { logsPermission } from '../k8s/access';
import { K8sError } from '../k8s/errors';
import type { LogsEventName, LogsMessages } from '../models/logs/wire';
import { describeIssue } from '../validation';
import { trackStream } from './live-streams';
import { jsonError } from './responses';
import { backlogStrategy, enqueueBounded } from './sse-backlog';

// What the logs routes share: the checks in order (names 400, logs switched off 404, allowlist 403,
// query 400, Podium's own permission to get pods/log 403), and the Server-Sent Events stream a
// follow is served on: lines batched every BATCH_MS, a heartbeat, a small unread backlog (a viewer
// that stops reading is cut off and reconnects), closed by the client, the route or a SIGTERM.

const BATCH_MS = 150;
const HEARTBEAT_MS = 15_000;
/** Logs are the chattiest thing Podium sends: a reader this far behind reconnects instead. */
const MAX_LOG_BACKLOG = 8 * 2 ** 20;

export type Checked<P, Q> = { ok: true; params: P; query: Q } | { ok: false; response: Response };

export async function checkLogsRequest<P extends { namespace: string }, Q>(
  req: NextRequest,
  rawParams: unknown,
  paramsSchema: z.ZodType<P>,
  querySchema: z.ZodType<Q>,
): Promise<Checked<P, Q>> {
  const fail = (status: number, reason: string, message: string) =>
    ({ ok: false, response: jsonError(status, reason, message) }) as const;
  const params = paramsSchema.safeParse(rawParams);
  if (!params.success) return fail(400, 'BadRequest', describeIssue(params.error));
  const config = getConfig();
  if (!config.logs) return fail(404, 'LogsDisabled', 'logs are turned off on this Podium (PODIUM_LOGS=off)');
  const ns = params.data.namespace;
  if (!namespaceAllowed(ns, config.namespaces))
    return fail(
      403,
      'NamespaceNotAllowed',
      `namespace "${ns}" is not in Podium's allowlist (PODIUM_NAMESPACES)`,
    );
  const entries = [...req.nextUrl.searchParams.entries()];
  const twice = entries.find(([k], i) => entries.findIndex(([k2]) => k2 === k) !== i);
  if (twice) return fail(400, 'BadRequest', `${twice[0]}: must be given once`);
  const query = querySchema.safeParse(Object.fromEntries(entries));
  if (!query.success) return fail(400, 'BadRequest', describeIssue(query.error, 'query'));
  try {
    const may = await logsPermission(ns);
    if (!may.allowed) return fail(403, 'LogsForbidden', may.reason);
  } catch (err) {
    if (err instanceof K8sError) return fail(err.status, err.reason, err.message);
    throw err;
  }
  return { ok: true, params: params.data, query: query.data };
}

export type Send = <E extends LogsEventName>(event: E, data: LogsMessages[E]) => void;

/** An SSE response fed by `start`, which returns its cleanup. Lines are batched; the rest goes at once. */
export function logsStream(req: NextRequest, start: (send: Send) => () => void): Response {
  const encoder = new TextEncoder();
  const cleanups: (() => void)[] = [];
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    for (const c of cleanups.splice(0)) c();
  };
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const write = (text: string) => {
          if (!closed && !enqueueBounded(controller, encoder.encode(text), MAX_LOG_BACKLOG)) close();
        };
        const now = <E extends LogsEventName>(event: E, data: LogsMessages[E]) =>
          write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        let pending: LogsMessages['lines'] = [];
        let timer: NodeJS.Timeout | null = null;
        const flush = () => {
          timer = null;
          if (pending.length === 0) return;
          const lines = pending;
          pending = [];
          now('lines', lines);
        };
        const send: Send = (event, data) => {
          if (event !== 'lines') {
            flush();
            return now(event, data);
          }
          for (const l of data as LogsMessages['lines']) pending.push(l);
          timer ??= setTimeout(flush, BATCH_MS);
        };
        cleanups.push(() => timer && clearTimeout(timer));
        write('retry: 2000\n\n');
        const heartbeat = setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_MS);
        cleanups.push(() => clearInterval(heartbeat));
        const end = () => {
          close();
          try {
            controller.close();
          } catch {
            // already closed
          }
        };
        req.signal.addEventListener('abort', end);
        cleanups.push(trackStream(end));
        cleanups.push(start(send));
      },
      cancel: close,
    },
    backlogStrategy,
  );
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
}

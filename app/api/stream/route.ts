import type { NextRequest } from 'next/server';
import { jsonError } from '@/lib/routes/responses';
import { getConfig, namespaceAllowed } from '@/lib/config';
import { clusterStatus, onClusterStatus } from '@/lib/k8s/health';
import { subscribeHistory } from '@/lib/k8s/history';
import { subscribeUsage } from '@/lib/k8s/metrics';
import { subscribeTraffic } from '@/lib/k8s/traffic/runs';
import { subscribe } from '@/lib/k8s/watch-hub';
import { trackStream } from '@/lib/routes/live-streams';
import { backlogStrategy, enqueueBounded } from '@/lib/routes/sse-backlog';
import { createScoper, type ScopedOutput } from '@/lib/models/stream-scope';
import type { Change, StreamEventName, StreamMessages } from '@/lib/models/stream';
import { WATCHED_KINDS, type WatchedKind } from '@/lib/models/types';
import { describeIssue, streamQuery } from '@/lib/validation';

// The one live stream of a browser (Server-Sent Events): every watched kind of one namespace, pod
// usage and the history, multiplexed, sized for the page by its scope (?deployment=<name> or
// ?view=overview: lib/models/stream-scope.ts), a filter on the fan-out of the hub's one watch per
// kind. Changes are batched (200 ms) and coalesced per object; a snapshot replaces a kind's whole
// state, so a reconnecting tab resyncs simply by reconnecting.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const BATCH_MS = 200;
const SUBSCRIBE_ORDER: WatchedKind[] = [
  'replicasets',
  'pods',
  ...WATCHED_KINDS.filter((k) => k !== 'replicasets' && k !== 'pods'),
];
const HEARTBEAT_MS = 15_000;

export async function GET(req: NextRequest) {
  const params = req.nextUrl.searchParams;
  const twice = [...params.keys()].find((k, i, all) => all.indexOf(k) !== i);
  if (twice) return jsonError(400, 'BadRequest', `${twice}: must be given once`);
  const parsed = streamQuery.safeParse({ namespace: '', ...Object.fromEntries(params) });
  if (!parsed.success) return jsonError(400, 'BadRequest', describeIssue(parsed.error, 'query'));
  const scope = parsed.data;
  const { namespace } = scope;
  if (!namespaceAllowed(namespace, getConfig().namespaces)) {
    return jsonError(403, 'NamespaceNotAllowed', `namespace "${namespace}" is not in Podium's allowlist`);
  }

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
        // a reader that falls too far behind is cut off and resyncs on reconnecting (sse-backlog.ts)
        const write = (text: string) => {
          if (closed) return;
          if (!enqueueBounded(controller, encoder.encode(text))) close();
        };
        const send = <E extends StreamEventName>(event: E, data: StreamMessages[E]) =>
          write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

        // Pending changes, coalesced by uid: a pod that changed five times in 250 ms is sent once.
        // Throttled, not debounced: a lone change goes out at once (next tick, to gather a synchronous
        // burst); under a stream of changes, at most one batch per BATCH_MS.
        let pending = new Map<string, Change>();
        let timer: NodeJS.Timeout | null = null;
        let lastFlush = 0;
        const scoper = createScoper(scope);
        const flush = () => {
          timer = null;
          const changes = [...pending.values(), ...scoper.due()];
          pending = new Map();
          if (changes.length === 0) return;
          lastFlush = Date.now();
          send('changes', changes);
        };
        const schedule = () => {
          timer ??= setTimeout(flush, Math.max(0, lastFlush + BATCH_MS - Date.now()));
        };
        cleanups.push(() => timer && clearTimeout(timer));

        write('retry: 2000\n\n');
        send('status', clusterStatus());
        cleanups.push(onClusterStatus((s) => send('status', s)));

        const forward = (out: ScopedOutput) => {
          if (out.type === 'snapshot') {
            for (const [k, c] of pending) if (c.kind === out.kind) pending.delete(k);
            return send('snapshot', { kind: out.kind, namespace, items: out.items });
          }
          for (const c of out.changes) pending.set(`${c.kind}/${c.object.uid}`, c);
          schedule();
        };
        // ReplicaSets and pods first: a scope that filters or counts pods by their owners (a deployment
        // page, the overview) then has them when the other kinds' snapshots go out
        for (const kind of SUBSCRIBE_ORDER) {
          cleanups.push(
            subscribe(kind, namespace, (e) => {
              if (e.type === 'error')
                return send('kindError', { kind, status: e.status, message: e.message });
              for (const out of scoper.accept(kind, e)) forward(out);
              if (scoper.hasDue) schedule();
            }),
          );
        }
        cleanups.push(
          subscribeUsage(namespace, (usage) => {
            const scoped = scoper.usage(usage);
            if (scoped) send('usage', scoped);
          }),
        );
        // this stream is a viewer of the namespace's traffic runs: when the last one closes, they stop
        cleanups.push(subscribeTraffic(namespace, (m) => send('traffic', m)));
        cleanups.push(
          subscribeHistory(namespace, (e) => {
            if (e.type === 'sample') {
              const point = scoper.historyPoint(e.point);
              return point && send('sample', point);
            }
            const points = e.points.map(scoper.historyPoint);
            if (points.every((p) => p !== null)) send('history', points);
          }),
        );

        const heartbeat = setInterval(() => send('status', clusterStatus()), HEARTBEAT_MS);
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
        // a SIGTERM ends the stream too, so the server can stop (see live-streams.ts)
        cleanups.push(trackStream(end));
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
      Connection: 'keep-alive',
    },
  });
}

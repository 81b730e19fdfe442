import 'server-only';
import { encodeEvent, joinFeed } from '../k8s/feed';
import { clusterStatus, onClusterStatus } from '../k8s/health';
import { subscribeTraffic } from '../k8s/traffic/runs';
import type { StreamScope } from '../models/stream-scope';
import { trackStream } from './live-streams';
import { backlogStrategy, enqueueBounded } from './sse-backlog';

// One browser's live stream (Server-Sent Events) for one scope: the scope's shared feed
// (lib/k8s/feed.ts: the kinds, usage and history, filtered, batched and serialized once for every
// stream of the scope), plus what is this connection's own: the cluster status and its heartbeat,
// and the namespace's traffic runs, for which each stream counts as one viewer (when the last one
// closes, they stop). A snapshot replaces a kind's whole state, so a reconnecting browser resyncs
// simply by reconnecting.

const HEARTBEAT_MS = 15_000;
const encoder = new TextEncoder();

export function liveStreamResponse(scope: StreamScope, signal: AbortSignal): Response {
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
        const write = (bytes: Uint8Array) => {
          if (closed) return;
          if (!enqueueBounded(controller, bytes)) close();
        };
        const status = () => write(encodeEvent('status', clusterStatus()));

        write(encoder.encode('retry: 2000\n\n'));
        status();
        cleanups.push(onClusterStatus((s) => write(encodeEvent('status', s))));
        cleanups.push(joinFeed(scope, write));
        cleanups.push(subscribeTraffic(scope.namespace, (m) => write(encodeEvent('traffic', m))));
        const heartbeat = setInterval(status, HEARTBEAT_MS);
        cleanups.push(() => clearInterval(heartbeat));

        const end = () => {
          close();
          try {
            controller.close();
          } catch {
            // already closed
          }
        };
        signal.addEventListener('abort', end);
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

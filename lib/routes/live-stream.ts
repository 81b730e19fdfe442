import 'server-only';
import { encodeEvent, joinFeed } from '../k8s/feed';
import { clusterStatus, onClusterStatus } from '../k8s/health';
import { subscribeTraffic } from '../k8s/traffic/runs';
import type { StreamScope } from '../models/stream-scope';
import { sseResponse } from './sse';

// One browser's live stream (Server-Sent Events, sse.ts) for one scope: the scope's shared feed
// (lib/k8s/feed.ts: the kinds, usage and history, filtered, batched and serialized once for every
// stream of the scope), plus what is this connection's own: the cluster status and its heartbeat,
// and the namespace's traffic runs, for which each stream counts as one viewer (when the last one
// closes, they stop). A snapshot replaces a kind's whole state, so a reconnecting browser resyncs
// simply by reconnecting.

const HEARTBEAT_MS = 15_000;

export function liveStreamResponse(scope: StreamScope, signal: AbortSignal): Response {
  return sseResponse(signal, (out) => {
    const status = () => out.bytes(encodeEvent('status', clusterStatus()));
    status();
    const cleanups = [
      onClusterStatus((s) => out.bytes(encodeEvent('status', s))),
      joinFeed(scope, out.bytes),
      subscribeTraffic(scope.namespace, (m) => out.bytes(encodeEvent('traffic', m))),
    ];
    const heartbeat = setInterval(status, HEARTBEAT_MS);
    return () => {
      clearInterval(heartbeat);
      for (const c of cleanups) c();
    };
  });
}

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { NextResponse, type NextRequest } from 'next/server';
import { feedStats } from '@/lib/k8s/feed';
import { jsonError } from '@/lib/routes/responses';

// Debug only, for the benchmarks (bench/): this process's memory and event-loop delay. Off unless
// PODIUM_DEBUG_RUNTIME=1 (then 404 like any unknown path); it reads nothing from the cluster and
// takes no input but `reset`. The delay histogram starts at the first request and costs one timer
// every 20 ms (Node's monitorEventLoopDelay), so nothing runs while the variable is unset.

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

let histogram: ReturnType<typeof monitorEventLoopDelay> | undefined;
let since = 0;

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

export function GET(req: NextRequest) {
  if (process.env.PODIUM_DEBUG_RUNTIME !== '1') return jsonError(404, 'NotFound', 'no such route');
  if (!histogram) {
    histogram = monitorEventLoopDelay({ resolution: 20 });
    histogram.enable();
    since = Date.now();
  }
  const m = process.memoryUsage();
  const body = {
    pid: process.pid,
    rssBytes: m.rss,
    heapUsedBytes: m.heapUsed,
    heapTotalBytes: m.heapTotal,
    externalBytes: m.external,
    cpuMicros: process.cpuUsage(),
    /** the live streams' shared feeds: one per scope, each message serialized once */
    feeds: feedStats(),
    eventLoopDelayMs: {
      since,
      samples: histogram.count,
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
    },
  };
  // ?reset=1 starts a new window, so each minute's delay is its own
  if (req.nextUrl.searchParams.get('reset') === '1') {
    histogram.reset();
    since = Date.now();
  }
  return NextResponse.json(body, { headers: { 'Cache-Control': 'no-store' } });
}

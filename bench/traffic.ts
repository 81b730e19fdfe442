// The load generator's benchmark: what Podium's server-side loop can drive, and what it costs.
// Prints numbers, asserts nothing.
//
//   node --import tsx --conditions=react-server bench/traffic.ts [--seconds 5] [--concurrency 1,10,50,100]
//        [--proxy <namespace>/<service>]
//
// Direct: the demo app as a child process on 127.0.0.1 (the stand-in for a ClusterIP: Podium in
// the cluster), GET /version with keep-alive. With --proxy, the same loop through the local
// cluster's API server (services/proxy), which is what a Podium outside the cluster uses.
// Reported per concurrency: achieved requests/s, p50/p99 latency, errors, and Podium's CPU time per
// 1,000 requests (process.cpuUsage of this process only: the app runs in another process).
// Every request goes to 127.0.0.1; every run is bounded by --seconds.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLoad } from '../lib/k8s/traffic/load';
import { demoApp } from './lib/demo-app';
import { currentRun, stopAllTraffic } from '../lib/k8s/traffic/runs';
import type { LoadRun } from '../lib/models/traffic';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '1,10,50,100' },
    proxy: { type: 'string' },
  },
});
const SECONDS = Math.min(60, Number(values.seconds));
const LEVELS = values.concurrency.split(',').map(Number);
const ROOT = join(import.meta.dirname, '..');

function percentileOf(run: LoadRun, key: 'p50' | 'p99'): number {
  const full = run.points.slice(1, -1); // whole seconds only
  const vals = (full.length > 0 ? full : run.points).map((p) => p[key] ?? 0);
  return vals.length ? Math.round((vals.reduce((a, b) => a + b, 0) / vals.length) * 10) / 10 : 0;
}

async function measure(
  label: string,
  concurrency: number,
  target: { ns: string; service: string; directBaseUrl?: string },
) {
  // direct runs get a namespace each (one run per Service and namespace); proxy runs use the real one
  const ns = target.directBaseUrl ? `bench-${label}-${concurrency}` : target.ns;
  const t0 = performance.now();
  const { done } = await startLoad({
    namespace: ns,
    service: target.service,
    path: '/version',
    concurrency,
    rate: null,
    durationSeconds: SECONDS,
    directBaseUrl: target.directBaseUrl,
  });
  await done;
  const run = currentRun(ns, 'load', target.service)!.snapshot() as LoadRun & { kind: 'load' };
  const wall = (performance.now() - t0) / 1000;
  const rps = run.sent / wall;
  console.log(
    [
      label.padEnd(7),
      String(concurrency).padStart(4),
      `${Math.round(rps).toLocaleString('en-US')}/s`.padStart(10),
      `${percentileOf(run, 'p50')} ms`.padStart(10),
      `${percentileOf(run, 'p99')} ms`.padStart(10),
      String(run.errors).padStart(7),
      `${Math.round((run.cpuMs / Math.max(1, run.sent)) * 1000)} ms`.padStart(12),
      `${Math.round((run.cpuMs / (wall * 1000)) * 100)} %`.padStart(8),
    ].join(' '),
  );
}

console.log(
  `load generator, GET /version, keep-alive, ${SECONDS} s per row, ${process.platform} ${(await import('node:os')).cpus().length} cores`,
);
console.log('path    conc.    req/s        p50        p99  errors  CPU/1000 req  CPU use');
const app = await demoApp();
try {
  // warm-up (JIT, connection pool), not printed
  await (
    await startLoad({
      namespace: 'bench-warmup',
      service: 'demo',
      path: '/version',
      concurrency: 10,
      rate: null,
      durationSeconds: 2,
      directBaseUrl: app.url,
    })
  ).done;
  for (const c of LEVELS)
    await measure('direct', c, { ns: 'bench', service: 'demo', directBaseUrl: app.url });
  if (values.proxy) {
    const [ns, service] = values.proxy.split('/');
    if (!ns || !service) throw new Error('--proxy wants <namespace>/<service>');
    process.env.KUBECONFIG ??= join(ROOT, '.cluster/kubeconfig');
    for (const c of LEVELS) await measure('proxy', c, { ns, service });
  }
} finally {
  await stopAllTraffic();
  app.stop();
}

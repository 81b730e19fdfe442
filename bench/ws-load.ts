// The WebSocket load's own cost in Podium's server process (issue 22): CPU time and RSS while N
// clients each send M messages. Prints numbers, asserts nothing.
//
//   node --import tsx --conditions=react-server bench/ws-load.ts [--clients 500] [--messages 6]
//        [--delay 0] [--proxy <namespace>/<service>]
//
// Direct: the demo app as a child process on 127.0.0.1 (the stand-in for a ClusterIP: Podium in the
// cluster), ECHO_DELAY_MS = --delay. With --proxy, the same run through the local cluster's API
// server (services/proxy, TLS), which is what a Podium outside the cluster does. CPU is
// process.cpuUsage of this process only (the app and the API server are other processes); RSS is
// sampled every 100 ms. Every connection goes to 127.0.0.1; the run is bounded by its 120 s limit.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { currentRun, stopAllTraffic, subscribeTraffic } from '../lib/k8s/traffic/runs';
import { startWsLoad } from '../lib/k8s/traffic/ws-load';
import type { WsLoadRun } from '../lib/models/traffic';
import { demoApp } from './lib/demo-app';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '500' },
    messages: { type: 'string', default: '6' },
    delay: { type: 'string', default: '0' },
    proxy: { type: 'string' },
  },
});
const clients = Math.min(1_000, Number(values.clients));
const messages = Math.min(100, Number(values.messages));
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function measure(label: string, ns: string, service: string, direct?: WsLoadRunDirect) {
  const unsubscribe = subscribeTraffic(ns, () => {});
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { done } = await startWsLoad({
    namespace: ns,
    service,
    path: '/ws',
    clients,
    messages,
    pauseMs: 0,
    durationSeconds: 120,
    direct,
  });
  await done;
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  unsubscribe();
  const run = currentRun(ns, 'ws', service)!.snapshot() as WsLoadRun;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    [
      label.padEnd(7),
      `${run.connected}/${clients}`.padStart(9),
      `${run.echoed}/${clients * messages}`.padStart(11),
      `${(wall / 1000).toFixed(1)} s`.padStart(8),
      `${run.rtt.p50} / ${run.rtt.p99} ms`.padStart(16),
      `${Math.round(cpuMs)} ms`.padStart(9),
      `${Math.round((cpuMs / wall) * 100)} %`.padStart(6),
      `${mb(rssBefore)} → ${mb(rssPeak)} MB`.padStart(15),
      `+${mb(rssPeak - rssBefore)} MB`.padStart(8),
    ].join(' '),
  );
  if (run.failed > 0) console.log(`  ${run.failed} failed: ${run.message}`);
}
type WsLoadRunDirect = Parameters<typeof startWsLoad>[0]['direct'];

console.log(
  `WebSocket load, ${clients} clients × ${messages} messages, ${process.platform} ${(await import('node:os')).cpus().length} cores`,
);
console.log(
  'path    connected      echoed     wall    rtt p50 / p99       CPU   use        RSS peak    delta',
);
const app = await demoApp({ ECHO_DELAY_MS: values.delay });
try {
  await measure('direct', 'bench-ws', 'demo', {
    baseUrl: app.url,
    readyPods: 1,
    delayMs: Number(values.delay),
  });
  if (values.proxy) {
    const [ns, service] = values.proxy.split('/');
    if (!ns || !service) throw new Error('--proxy wants <namespace>/<service>');
    process.env.KUBECONFIG ??= join(import.meta.dirname, '..', '.cluster/kubeconfig');
    await measure('proxy', ns, service);
  }
} finally {
  await stopAllTraffic();
  app.stop();
}

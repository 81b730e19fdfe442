// The direct reader of application metrics (issue 19): its scrapes per second and Podium's own CPU
// and RSS while 1 and then 30 viewers keep a Deployment of N real pods on screen. Prints numbers,
// asserts nothing.
//
//   node --import tsx --conditions=react-server bench/app-metrics.ts [--pods 40] [--seconds 60]
//
// The pods are the demo app on the local cluster's real node (kwok pods serve no /metrics), each
// declaring prometheus.io/scrape; requests are lowered to 10m CPU / 32 Mi so that many fit the
// node's 2 CPUs. A viewer is what the deployment page does: the four default charts' routes every
// 5 s. This process is Podium here, outside the cluster: every scrape goes through the API
// server's pods/proxy on 127.0.0.1 (the API server's own CPU is not counted). Bounded by --seconds
// per phase; the namespace is deleted at the end.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, apply, kubectl, readyEndpoints, waitFor } from '../test/helpers/cluster';
import { currentDemoImage, scrapeAnnotations } from '../test/helpers/demo-image';
import { demoDeployment, serviceYaml } from '../test/helpers/real-node';

process.env.KUBECONFIG ??= join(ROOT, '.cluster/kubeconfig');
const { values } = parseArgs({
  options: { pods: { type: 'string', default: '40' }, seconds: { type: 'string', default: '60' } },
});
const pods = Math.min(55, Number(values.pods));
const seconds = Math.min(300, Number(values.seconds));
const { readAppMetricsDirect } = await import('../lib/k8s/appmetrics/direct');
const { readerStats } = await import('../lib/k8s/appmetrics/reader');
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const KEYS = ['requests', 'errors', 'p50', 'p95'];

async function phase(ns: string, viewers: number) {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 200);
  // one warm-up read registers the Deployment and waits for its first round
  await readAppMetricsDirect(ns, 'bench', 'requests', 600);
  const scrapes0 = readerStats().scrapes;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const end = Date.now() + seconds * 1000;
  let reads = 0;
  let slowest = 0;
  const viewer = async (i: number) => {
    await new Promise((r) => setTimeout(r, (i * 5000) / viewers));
    while (Date.now() < end) {
      const started = performance.now();
      await Promise.all(KEYS.map((k) => readAppMetricsDirect(ns, 'bench', k, 600)));
      slowest = Math.max(slowest, performance.now() - started);
      reads += KEYS.length;
      await new Promise((r) => setTimeout(r, 5000));
    }
  };
  await Promise.all(Array.from({ length: viewers }, (_, i) => viewer(i)));
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  const scrapes = readerStats().scrapes - scrapes0;
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    [
      String(viewers).padStart(7),
      `${(scrapes / wall).toFixed(2)}/s`.padStart(10),
      `${((scrapes / wall / pods) * 5).toFixed(2)}`.padStart(14),
      String(reads).padStart(6),
      `${Math.round(slowest)} ms`.padStart(9),
      `${Math.round((cpuMs / 1000 / wall) * 100)} %`.padStart(6),
      `${mb(rssBefore)} → ${mb(rssPeak)} MB`.padStart(15),
    ].join(' '),
  );
}

const ns = `h-bench-appmetrics-${Date.now().toString(36)}`;
await currentDemoImage();
await kubectl(['create', 'namespace', ns]);
try {
  const yaml = demoDeployment('bench', {
    replicas: pods,
    podAnnotations: scrapeAnnotations(),
    container: `        readinessProbe:
          httpGet: {path: /readyz, port: http}
          periodSeconds: 5`,
  }).replace('requests: {cpu: 50m, memory: 64Mi}', 'requests: {cpu: 10m, memory: 32Mi}');
  await apply(ns, [yaml, serviceYaml('bench', { app: 'bench' })].join('---\n'));
  const t0 = Date.now();
  await waitFor(`${pods} ready pods`, async () => (await readyEndpoints(ns, 'bench')) >= pods, 600_000, 3000);
  console.log(
    `${pods} demo pods ready on the real node in ${Math.round((Date.now() - t0) / 1000)} s; ${seconds} s per phase`,
  );
  console.log('viewers  scrapes   per pod per 5 s  reads  slowest    CPU   RSS (peak)');
  await phase(ns, 1);
  await phase(ns, 30);
} finally {
  await kubectl(['delete', 'namespace', ns, '--wait=false']);
}
process.exit(0);

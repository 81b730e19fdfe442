// Podium's memory in the cluster: prints numbers, asserts nothing. Builds and imports Podium's image
// (images.sh podium), installs the chart on the real node (one replica, namespaced mode on a demo
// namespace with two demo pods), holds one viewer (Chromium on the deployment page through
// `kubectl port-forward svc/podium`), and every 30 s samples the Podium pod's memory three ways:
// the metrics API (metrics-server: the container's working set), the kubelet's stats summary (the
// container cgroup's working set, RSS and usage), and node's own VmRSS (/proc/1/status in the pod).
// Also prints the image's size: the archive, and each uncompressed layer.
//
//   KUBECONFIG=.cluster/kubeconfig node --import tsx bench/in-cluster.ts [--minutes 10] [--keep]
//
// The figures go in docs/performance.md ("Podium in the cluster").
import { parseArgs } from 'node:util';
import { apply, ensureCluster, kubectl, waitFor, waitForServiceAccount } from '../test/helpers/cluster';
import {
  RELEASE,
  dropNamespace,
  installPodium,
  podiumImage,
  podiumPods,
  portForward,
} from '../test/helpers/in-cluster';
import { launchBrowser } from '../test/helpers/podium';
import { REAL_NODE, demoDeployment, expectRealNode, isReady, podsOf } from '../test/helpers/real-node';

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, keep: { type: 'boolean', default: false } },
});
const minutes = Number(values.minutes);
if (!(minutes > 0)) throw new Error('--minutes takes a positive number');
const EVERY_MS = 30_000;

const MB = (bytes: number | undefined) => (bytes === undefined ? '–' : (bytes / 2 ** 20).toFixed(1));
const quantity = (q: string | undefined) => {
  const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(q ?? '');
  return m ? Number(m[1]) * ({ Ki: 1024, Mi: 2 ** 20, Gi: 2 ** 30 }[m[2] ?? ''] ?? 1) : undefined;
};

interface Summary {
  pods: {
    podRef: { name: string; namespace: string };
    containers?: { name: string; memory?: { workingSetBytes?: number; rssBytes?: number; usageBytes?: number } }[];
  }[];
}

async function sample(ns: string, pod: string) {
  // null until metrics-server has scraped the pod (its resolution is 10 s here)
  const metrics = await kubectl(['get', '--raw', `/apis/metrics.k8s.io/v1beta1/namespaces/${ns}/pods/${pod}`])
    .then((text) => JSON.parse(text) as { containers: { name: string; usage: { memory: string; cpu: string } }[] })
    .catch(() => null);
  const summary = JSON.parse(
    await kubectl(['get', '--raw', `/api/v1/nodes/${REAL_NODE}/proxy/stats/summary`]),
  ) as Summary;
  const c = summary.pods
    .find((p) => p.podRef.namespace === ns && p.podRef.name === pod)
    ?.containers?.find((x) => x.name === 'podium')?.memory;
  const status = await kubectl(['-n', ns, 'exec', pod, '--', 'cat', '/proc/1/status']).catch(() => '');
  const vmRss = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return {
    metricsWorkingSet: quantity(metrics?.containers[0]?.usage.memory),
    cpu: metrics?.containers[0]?.usage.cpu,
    cgroupWorkingSet: c?.workingSetBytes,
    cgroupRss: c?.rssBytes,
    cgroupUsage: c?.usageBytes,
    processRss: vmRss ? Number(vmRss) * 1024 : undefined,
  };
}

await expectRealNode();
ensureCluster();
const id = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
const NS = `h-incluster-bench-${id}`;
const DEMO = `h-incluster-bench-demo-${id}`;
for (const n of [NS, DEMO]) await kubectl(['create', 'namespace', n]);
const cleanUp = async () => {
  if (values.keep) return console.log(`kept: namespaces ${NS} and ${DEMO}`);
  await dropNamespace(NS);
  await dropNamespace(DEMO);
};

try {
  await waitForServiceAccount(DEMO);
  await apply(DEMO, demoDeployment('web', { replicas: 2 }));
  const t0 = Date.now();
  const image = await podiumImage();
  console.log(`image: ${image.archive} (ready in ${((Date.now() - t0) / 1000).toFixed(0)} s, built or cached)`);
  console.log(
    `image size: archive ${MB(image.archiveBytes)} MiB; uncompressed layers ${image.layerBytes.map(MB).join(' + ')} = ${MB(image.layerBytes.reduce((a, b) => a + b, 0))} MiB`,
  );
  await installPodium(NS, { namespaces: [DEMO], replicas: 1, actionToken: 'bench-token-0123456789abcdef' });
  const [pod] = await podiumPods(NS);
  if (!pod) throw new Error('no Podium pod');
  await waitFor('2 ready demo pods', async () => (await podsOf(DEMO, 'app=web')).filter(isReady).length === 2, 90_000);
  const svc = await portForward(NS, `svc/${RELEASE}`);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const idle = await sample(NS, pod.metadata.name);
    console.log(
      `before the viewer: metrics ${MB(idle.metricsWorkingSet)} MiB, cgroup working set ${MB(idle.cgroupWorkingSet)} MiB, node VmRSS ${MB(idle.processRss)} MiB`,
    );
    await page.goto(`${svc.url}/ns/${DEMO}/deployments/web`);
    await page.locator('[data-testid="pod-tile"]').first().waitFor({ timeout: 60_000 });
    console.log(`one viewer on ${svc.url}/ns/${DEMO}/deployments/web for ${minutes} min, a sample every 30 s (MiB):`);
    console.log('  t(s)  metrics-ws  cgroup-ws  cgroup-rss  cgroup-usage  node-VmRSS  cpu');
    const rows: Awaited<ReturnType<typeof sample>>[] = [];
    const start = Date.now();
    for (let i = 0; i <= Math.floor((minutes * 60_000) / EVERY_MS); i++) {
      const wait = start + i * EVERY_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const s = await sample(NS, pod.metadata.name);
      rows.push(s);
      console.log(
        `  ${String(Math.round((Date.now() - start) / 1000)).padStart(4)}  ${MB(s.metricsWorkingSet).padStart(10)}  ${MB(s.cgroupWorkingSet).padStart(9)}  ${MB(s.cgroupRss).padStart(10)}  ${MB(s.cgroupUsage).padStart(12)}  ${MB(s.processRss).padStart(10)}  ${s.cpu ?? '–'}`,
      );
    }
    const stat = (k: keyof (typeof rows)[number]) => {
      const v = rows.map((r) => r[k]).filter((x): x is number => typeof x === 'number');
      return v.length ? `min ${MB(Math.min(...v))} / max ${MB(Math.max(...v))} / last ${MB(v.at(-1))}` : '–';
    };
    console.log(`metrics API working set: ${stat('metricsWorkingSet')} MiB`);
    console.log(`cgroup working set:      ${stat('cgroupWorkingSet')} MiB`);
    console.log(`cgroup RSS:              ${stat('cgroupRss')} MiB`);
    console.log(`node VmRSS:              ${stat('processRss')} MiB`);
    const tiles = await page.locator('[data-testid="pod-tile"]').count();
    console.log(`the page still shows ${tiles} pod tiles; Podium's restarts: ${(await podiumPods(NS))[0]?.status.containerStatuses?.[0]?.restartCount ?? '?'}`);
  } finally {
    await browser.close();
    await svc.stop();
  }
} finally {
  await cleanUp();
}

// Podium's benchmark: prints numbers, asserts nothing. Needs the local cluster (npm run cluster:up)
// and a production build (npm run build). Run: npm run bench [-- --pods 1000 --changes 50 --tabs 1,20]
//
// What it measures, in a namespace with N pods (one big Deployment) and a small "marker" Deployment:
//  - latency from an API change (the marker's replicas, via the scale subresource) to the browser's
//    DOM showing it, p50/p95/max over every (change, tab) pair, with 1 and with 20 open tabs
//    (each tab in its own browser context, so the browser's 6-connections-per-host limit does not apply);
//  - the Podium server's resident memory with the N pods loaded and the tabs open;
//  - how many watch connections Podium holds to the API server, read from the API server's own
//    metrics (apiserver_longrunning_requests, namespace-scoped WATCHes: only Podium watches per
//    namespace here; the controllers watch cluster-wide).
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { Agent, fetch } from 'undici';
import { CLUSTER_DIR, ROOT, apply, deploymentYaml, ensureCluster, kubectl, waitFor } from '../test/helpers/cluster';
import { launchBrowser, startPodium } from '../test/helpers/podium';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '1000' },
    changes: { type: 'string', default: '50' },
    tabs: { type: 'string', default: '1,20' },
  },
});
const POD_COUNT = Number(values.pods);
const CHANGES = Number(values.changes);
const TAB_COUNTS = values.tabs.split(',').map(Number);

/** The change itself, sent straight to the API server (no kubectl start-up inside the measurement). */
const pki = (f: string) => readFileSync(join(CLUSTER_DIR, 'pki', f));
let agent: Agent | null = null;
async function scale(ns: string, name: string, replicas: number): Promise<void> {
  agent ??= new Agent({ connect: { ca: pki('ca.crt'), cert: pki('admin.crt'), key: pki('admin.key') } });
  const port = process.env.PODIUM_API_PORT ?? '16443';
  const res = await fetch(`https://127.0.0.1:${port}/apis/apps/v1/namespaces/${ns}/deployments/${name}/scale`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify({ spec: { replicas } }),
    dispatcher: agent,
  });
  if (!res.ok) throw new Error(`scale: HTTP ${res.status}`);
  await res.arrayBuffer();
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function rssMb(pid: number): number {
  // next start forks its server: count the process and its children
  let total = 0;
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    // no children file on this kernel: the process alone
  }
  const pids = [pid, ...children];
  for (const p of pids) {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
    total += Number(m?.[1] ?? 0);
  }
  return Math.round(total / 1024);
}

async function namespacedWatches(): Promise<number> {
  const text = await kubectl(['get', '--raw', '/metrics']);
  let n = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('apiserver_longrunning_requests{') && line.includes('verb="WATCH"') && line.includes('scope="namespace"')) {
      n += Number(line.split(' ').pop());
    }
  }
  return n;
}

async function openTab(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-deployment="marker"]', { timeout: 60_000 });
  // Record when each desired value first appears, from inside the page (same clock as this process).
  // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__seen = {};
    const check = () => {
      const el = document.querySelector('[data-deployment="marker"]');
      const v = el && el.getAttribute('data-desired');
      if (v && !(v in window.__seen)) window.__seen[v] = Date.now();
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    check();
  })()`);
}

async function main() {
  ensureCluster();
  const ns = `bench-${Date.now().toString(36)}`;
  await kubectl(['create', 'namespace', ns]);
  await waitFor('default service account', () => kubectl(['-n', ns, 'get', 'sa', 'default']), 30_000);
  const t0 = Date.now();
  await apply(ns, deploymentYaml('big', { replicas: POD_COUNT, cpuRequest: '1m' }));
  await apply(ns, deploymentYaml('marker', { replicas: 0 }));
  await waitFor(
    `${POD_COUNT} running pods`,
    async () => (await kubectl(['-n', ns, 'get', 'pods', '--field-selector=status.phase=Running', '--no-headers'])).trim().split('\n').filter(Boolean).length >= POD_COUNT,
    600_000,
    2000,
  );
  console.log(`setup: ${POD_COUNT} pods running after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const podium = await startPodium({ PODIUM_HISTORY_SAMPLE_MS: '5000' });
  const browser = await launchBrowser();
  const results: Record<string, unknown> = { pods: POD_COUNT, changes: CHANGES };
  try {
    const watchesIdle = await namespacedWatches();
    let replicas = 0;
    for (const tabs of TAB_COUNTS) {
      const contexts = await Promise.all(Array.from({ length: tabs }, () => browser.newContext()));
      const pages = await Promise.all(contexts.map((c) => c.newPage()));
      for (const p of pages) await openTab(p, `${podium.url}/ns/${ns}`);
      await new Promise((r) => setTimeout(r, 2000));
      const watches = (await namespacedWatches()) - watchesIdle;
      const latencies: number[] = [];
      for (let i = 0; i < CHANGES; i++) {
        replicas = replicas === 0 ? 1 : 0; // alternate, so every change is visible
        for (const p of pages) await p.evaluate('window.__seen = {}');
        const sent = Date.now();
        await scale(ns, 'marker', replicas);
        for (const p of pages) {
          const seenAt = await p.waitForFunction(`window.__seen[${JSON.stringify(String(replicas))}]`, undefined, {
            timeout: 30_000,
            polling: 50,
          });
          latencies.push(((await seenAt.jsonValue()) as number) - sent);
        }
      }
      latencies.sort((a, b) => a - b);
      const row = {
        tabs,
        samples: latencies.length,
        p50_ms: pct(latencies, 50),
        p95_ms: pct(latencies, 95),
        max_ms: latencies[latencies.length - 1],
        watch_connections: watches,
        server_rss_mb: rssMb(podium.pid),
      };
      results[`tabs_${tabs}`] = row;
      console.log(JSON.stringify(row));
      await Promise.all(contexts.map((c) => c.close()));
    }
  } finally {
    await browser.close();
    await podium.stop();
    await kubectl(['delete', 'namespace', ns, '--wait=false']).catch(() => undefined);
  }
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results', `run-${Date.now()}.json`), JSON.stringify(results, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

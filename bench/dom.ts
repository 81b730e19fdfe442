// API change → DOM: the marker Deployment's replicas are scaled through the API server, and each
// open overview tab records (MutationObserver, Date.now()) when its card shows the new value.
import { scaleDeployment } from './lib/api';
import { overviewUrl, sleep, type BenchContext } from './lib/context';
import { closeViewers, loadAll, openViewers, WATCH_MARKER, type Viewer } from './lib/page';
import { ms, note, percentile, record } from './lib/report';

const MISS_MS = 15_000;

/** The targets: p95 < 300 ms at 1,000 pods, < 1 s at 10,000 (with 20 tabs in one browser). */
/** p95 targets: 300 ms at 1,000 pods; at 10,000, 500 ms with one tab and 1 s with 20 (issue "The live path, once"). */
export const domTargetMs = (pods: number, tabs = 1) => (pods <= 1_000 ? 300 : tabs > 1 ? 1_000 : 500);

async function measure(
  c: BenchContext,
  tabs: Viewer[],
  replicas: { n: number },
): Promise<{ latencies: number[]; missed: number }> {
  const latencies: number[] = [];
  let missed = 0;
  for (let i = 0; i < c.args.changes; i++) {
    replicas.n = replicas.n === 0 ? 1 : 0; // alternate, so every change is visible
    await Promise.all(tabs.map((t) => t.page.evaluate('window.__seen = {}')));
    const sent = Date.now();
    await scaleDeployment(c.bench.ns, 'marker', replicas.n);
    const pending = new Set(tabs);
    while (pending.size > 0 && Date.now() - sent < MISS_MS) {
      await sleep(100);
      await Promise.all(
        [...pending].map(async (t) => {
          const at = (await t.page.evaluate(`window.__seen[${JSON.stringify(String(replicas.n))}]`)) as
            number | undefined;
          if (at) {
            latencies.push(at - sent);
            pending.delete(t);
          }
        }),
      );
    }
    missed += pending.size;
    await sleep(300 + Math.random() * 300);
  }
  return { latencies, missed };
}

export async function domBench(c: BenchContext, pods: number): Promise<void> {
  const replicas = { n: 0 };
  for (const tabs of c.args.tabs) {
    const target = domTargetMs(pods, tabs);
    for (const shared of tabs === 1 ? [false] : [true, false]) {
      const label = `${pods} pods, ${tabs} tab${tabs > 1 ? 's' : ''}${tabs > 1 ? (shared ? ' in one browser' : ' in separate browsers') : ''}`;
      const viewers = await openViewers(c.browser, tabs, shared);
      try {
        const loaded = await loadAll(
          viewers,
          overviewUrl(c),
          '[data-deployment="marker"][data-desired]',
          240_000,
        );
        record(
          'dom',
          `${label}: tabs showing live data`,
          `${loaded.length} of ${tabs}`,
          `${tabs} of ${tabs}`,
          loaded.length === tabs,
        );
        if (loaded.length === 0) continue;
        await Promise.all(loaded.map((v) => v.page.evaluate(WATCH_MARKER)));
        await sleep(2_000);
        const { latencies, missed } = await measure(c, loaded, replicas);
        const p95 = percentile(latencies, 95);
        record(
          'dom',
          `${label}: API change → DOM p50 / p95 / max`,
          `${ms(percentile(latencies, 50))} / ${ms(p95)} / ${ms(Math.max(...latencies))} (${latencies.length} samples, ${missed} not shown within ${MISS_MS / 1000} s)`,
          `p95 < ${ms(target)}`,
          p95 < target && missed === 0,
        );
      } finally {
        await closeViewers(viewers);
      }
    }
  }
  note('dom', 'done');
}

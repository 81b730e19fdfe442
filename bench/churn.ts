// The browser's main thread while the big Deployment's pods churn: one tab on its deployment page,
// `rate` pod changes per second for `churnSeconds` (label patches through the API server).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from '../test/helpers/cluster';
import { fullPageScreenshot } from '../test/helpers/podium';
import { deploymentUrl, HEADER, sleep, type BenchContext } from './lib/context';
import {
  closeViewers,
  heapMb,
  loadAll,
  openViewers,
  readMainThread,
  shownPods,
  WATCH_MAIN_THREAD,
} from './lib/page';
import { churn } from './lib/pods';
import { ms, note, record } from './lib/report';

export async function churnBench(c: BenchContext, pods: number): Promise<void> {
  const viewers = await openViewers(c.browser, 1, false);
  try {
    const [tab] = await loadAll(viewers, deploymentUrl(c), HEADER, 240_000);
    if (!tab)
      return record(
        'churn',
        `${pods} pods: deployment page`,
        'never showed live data in 240 s',
        'shown',
        false,
      );
    const t0 = Date.now();
    while (Date.now() - t0 < 120_000 && (await shownPods(tab.page)).total !== pods) await sleep(1_000);
    await sleep(3_000);
    // first the page as it opens (the pod table below the fold, skipped by the browser), then
    // scrolled to the pod table: its virtualised rows change in view
    await measureChurn(c, tab.page, `${pods} pods, ${c.args.rate} changes/s asked`, pods);
    await tab.page.locator('[data-testid="pod-table"]').scrollIntoViewIfNeeded();
    await sleep(2_000);
    await measureChurn(c, tab.page, `${pods} pods, ${c.args.rate} changes/s asked, pod table in view`, pods);
    // what the viewer saw at the end: look at it (bench/results/ is not committed)
    const results = join(ROOT, 'bench/results');
    mkdirSync(results, { recursive: true });
    await fullPageScreenshot(tab.page, `churn-${pods}-pods.png`, results);
    note('churn', `screenshot: ${join(results, `churn-${pods}-pods.png`)}`);
  } finally {
    await closeViewers(viewers);
  }
}

/** `rate` label patches a second for `churnSeconds` while the page's main thread is watched. */
async function measureChurn(c: BenchContext, page: Page, label: string, pods: number): Promise<void> {
  await page.evaluate(WATCH_MAIN_THREAD);
  const r = await churn(c.bench.ns, 'app=big', c.args.rate, c.args.churnSeconds);
  await sleep(2_000); // the last batches reach the page
  const m = await readMainThread(page);
  const heap = await heapMb(page);
  const longTotal = m.long.reduce((a, b) => a + b, 0);
  const longest = m.long.length ? Math.max(...m.long) : 0;
  const share = (100 * longTotal) / m.elapsedMs;
  record(
    'churn',
    `${label}: changes sent`,
    `${r.sent - r.failed} in ${r.seconds.toFixed(0)} s (${r.perSecond.toFixed(0)}/s, ${r.failed} failed)`,
  );
  record('churn', `${label}: longest task`, ms(longest), '< 200 ms', longest < 200);
  record(
    'churn',
    `${label}: long tasks (> 50 ms)`,
    `${m.long.length}, ${ms(longTotal)} in total = ${share.toFixed(1)} % of ${(m.elapsedMs / 1000).toFixed(0)} s`,
    '< 5 % of main-thread time',
    share < 5,
  );
  const expected = Math.round(m.elapsedMs / (1000 / 60));
  record(
    'churn',
    `${label}: frames dropped (rAF gaps)`,
    `${m.dropped} of ~${expected} (worst gap ${ms(m.worstGap)})`,
  );
  record(
    'churn',
    `${label}: JS heap after, then after a full GC`,
    `${heap.used} MB, then ${heap.kept} MB`,
    '< 50 MB at 10,000 pods (after the GC)',
    pods >= 10_000 ? heap.kept < 50 : null,
  );
}

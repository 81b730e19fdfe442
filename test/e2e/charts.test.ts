// The deployment page's charts in Chromium at three screen sizes, against the production build and
// the local cluster (issue 20): where the charts are in view at once, recharts is asked for only
// after the page shows its live data (header and pod tiles), the page's first-load JavaScript stays
// under 250 KB, an accessible skeleton of the chart's height holds the place meanwhile, and the
// charts are drawn shortly after. Screenshots land in test-results/screenshots/charts-<size>.png.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ROOT, apply, deploymentYaml, kubectl, testNamespace, waitFor } from '../helpers/cluster';
import { CHART_SELECTOR, dataShownAt, FIRST_DATA_MARKS, readMarks } from '../helpers/first-data-marks';
import { SCREENSHOTS, launchBrowser, startPodium, type Podium } from '../helpers/podium';

const ns = testNamespace('e2e-charts');
const BUDGET = 250 * 1024;
const DIST = join(ROOT, process.env.PODIUM_DIST_DIR || '.next');

/** Whether a script of the build is (part of) recharts: its class names are in its code. */
function isRecharts(url: string): boolean {
  const path = new URL(url).pathname.replace(/^\/_next\//, '');
  const file = join(DIST, path);
  return existsSync(file) && readFileSync(file, 'utf8').includes('recharts-surface');
}

/** How many series lines the replicas chart draws (recharts' own class name). */
const lines = (page: Page) => page.locator('[data-testid="replicas-chart"] .recharts-line').count();

describe('deployment page charts', () => {
  let podium: Podium;
  let browser: Browser;

  before(async () => {
    await apply(ns.name, deploymentYaml('web', { replicas: 3 }));
    await waitFor(
      '3 pods of web',
      async () => {
        const names = (await kubectl(['-n', ns.name, 'get', 'pods', '-o', 'name'])).trim().split('\n');
        return names.filter(Boolean).length === 3 || `${names.length} pods`;
      },
      60_000,
    );
    // a history sample a second (5 s by default), so the charts have lines to draw at once
    podium = await startPodium({ PODIUM_HISTORY_SAMPLE_MS: '1000' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await podium?.stop();
  });

  for (const [width, height] of [
    [1280, 720],
    [1440, 1000],
    [1920, 1080],
  ] as const) {
    it(`at ${width}×${height}: live data first, then the charts`, { timeout: 120_000 }, async () => {
      const context = await browser.newContext({ viewport: { width, height } });
      try {
        const page = await context.newPage();
        await page.addInitScript(FIRST_DATA_MARKS);
        await page.goto(`${podium.url}/ns/${ns.name}/deployments/web`);
        await page.waitForSelector('[data-pod]', { timeout: 60_000 });
        const inView = (await page.evaluate(
          `[...document.querySelectorAll('[data-testid="chart-skeleton"]')].some((s) => s.getBoundingClientRect().top < innerHeight)`,
        )) as boolean;
        if (inView || width > 1280)
          await waitFor(
            'a chart drawn',
            async () => (await page.locator(CHART_SELECTOR).count()) > 0,
            30_000,
          );
        // charts out of view at 1280×720 stay skeletons: nothing of recharts loads
        await page.waitForTimeout(1_000);
        const marks = await readMarks(page);
        const shown = dataShownAt(marks);
        const scripts = marks.starts.filter(([url]) => /\.js(\?|$)/.test(url));
        const before = scripts.filter(([, start]) => start < shown);
        const firstLoad = before.reduce((a, [, , bytes]) => a + bytes, 0);
        const recharts = scripts.filter(([url]) => isRecharts(url));
        const where = `${width}×${height}`;
        console.log(
          `# ${where}: ${(firstLoad / 1024).toFixed(1)} KB in ${before.length} scripts before the live data (shown at ${Math.round(shown)} ms); recharts asked for at ${recharts.map(([, s]) => Math.round(s)).join(', ') || '—'} ms; first chart at ${Math.round(marks.firstChart)} ms`,
        );
        if (recharts.length > 0)
          await waitFor('lines in the replicas chart', async () => (await lines(page)) > 0, 30_000);
        await page.screenshot({ path: join(SCREENSHOTS, `charts-${width}x${height}.png`) });

        assert.ok(firstLoad < BUDGET, `${where}: first-load JS ${firstLoad} B over the 250 KB budget`);
        for (const [url, start] of recharts)
          assert.ok(
            start >= shown,
            `${where}: recharts (${url}) asked for at ${start} ms, before the live data at ${shown} ms`,
          );
        if (width === 1280 && !inView)
          assert.equal(recharts.length, 0, 'recharts loaded with no chart in view');
        // a skeleton below the fold waits, still: an endless pulse kept every open tab restyling
        const waiting = (await page.evaluate(`(() => {
          const below = [...document.querySelectorAll('[data-testid="chart-skeleton"]')].filter((s) => s.getBoundingClientRect().top > innerHeight + 100);
          const moving = document.getAnimations().filter((a) => a.playState === 'running' && below.some((s) => s.contains(a.effect && a.effect.target)));
          return { below: below.length, moving: moving.length, loading: below.filter((s) => s.getAttribute('data-loading') !== 'false').length };
        })()`)) as { below: number; moving: number; loading: number };
        if (width === 1280) assert.ok(waiting.below > 0, `${where}: no chart waits below the fold`);
        assert.deepEqual(
          { moving: waiting.moving, loading: waiting.loading },
          { moving: 0, loading: 0 },
          `${where}: of ${waiting.below} skeletons below the fold, some pulse or say they load`,
        );
        if (width > 1280) {
          assert.ok(recharts.length > 0, `${where}: the charts in view never loaded recharts`);
          // the placeholder: announced as a chart loading, as tall as the chart that replaces it
          assert.deepEqual(
            { label: marks.skeletonAtPod?.label, role: marks.skeletonAtPod?.role },
            { label: 'Chart loading', role: 'img' },
          );
          const chart = await page.locator('[data-testid="replicas-chart"]').boundingBox();
          assert.equal(chart?.height, marks.skeletonAtPod?.height, 'the chart is as tall as its skeleton');
          assert.ok(
            marks.firstChart - shown < 10_000,
            `${where}: first chart ${marks.firstChart - shown} ms after the data`,
          );
        }
        if (width === 1280) {
          // below the fold: drawn once the reader scrolls to it
          await page.locator('[data-testid="chart-skeleton"]').first().scrollIntoViewIfNeeded();
          await waitFor(
            'lines in the replicas chart after scrolling',
            async () => (await lines(page)) > 0,
            30_000,
          );
          await page.screenshot({ path: join(SCREENSHOTS, `charts-${width}x${height}-scrolled.png`) });
        }
      } finally {
        await context.close();
      }
    });
  }
  it("a chart's code that fails to load is asked for again: the page stays live and the chart comes", { timeout: 120_000 }, async () => {
    // a Podium replica restarting or a port-forward reconnecting: the chart's chunk cannot be fetched
    // for a while; before, the first failure replaced the whole page with "could not show this page"
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    try {
      let blocked = true;
      let refused = 0;
      await context.route('**/_next/static/chunks/*.js', async (route) => {
        if (blocked && isRecharts(route.request().url())) {
          refused++;
          return route.abort('connectionreset');
        }
        return route.continue();
      });
      const page = await context.newPage();
      await page.goto(`${podium.url}/ns/${ns.name}/deployments/web`);
      await page.waitForSelector('[data-pod]', { timeout: 60_000 });
      // Turbopack asks once more by itself; more than two refusals means Podium asked again
      await waitFor('the chart\'s code refused, and asked for again', () => refused >= 4 || `${refused} refused`, 30_000);
      assert.equal(await page.locator('[data-testid="page-error"]').count(), 0, 'the page became an error');
      assert.equal(await page.locator('[data-testid="pod-tile"]').count(), 3, 'the pods are still on the page');
      assert.ok((await page.locator('[data-testid="chart-skeleton"]').count()) > 0, 'the charts wait in their skeletons');
      blocked = false;
      await waitFor('lines in the replicas chart once the code can be fetched', async () => (await lines(page)) > 0, 30_000);
      await page.screenshot({ path: join(SCREENSHOTS, 'charts-chunk-retried.png') });
    } finally {
      await context.close();
    }
  });
});

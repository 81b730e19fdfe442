// Browser tests of issue 10 in Chromium, on the local cluster's real node: start the availability
// probe, roll out, and see the timeline fill (failures, or none, and who answered); sample the
// canary split and read expected vs measured; start a load and see its chart move. Skipped when the
// real node is not there. Screenshots: test-results/screenshots/traffic-*.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apply, kubectl, testNamespace, waitFor } from '../helpers/cluster';
import { SCREENSHOTS, launchBrowser, startPodium, type Podium, fullPageScreenshot } from '../helpers/podium';
import { NO_REAL_NODE, demoDeployment, expectRealNode, isReady, podsOf, serviceYaml } from '../helpers/real-node';

const ns = testNamespace('e2e-traffic');
const readiness = `        readinessProbe: {httpGet: {path: /readyz, port: http}, periodSeconds: 1, failureThreshold: 1}`;

describe('traffic in the browser', () => {
  let podium: Podium;
  let browser: Browser;
  let page: Page;
  let realNode = false;

  before(async () => {
    realNode = await expectRealNode();
    if (!realNode) return;
    await apply(ns.name, [
      demoDeployment('web', { replicas: 2, env: { STARTUP_DELAY_MS: '3000' } }),
      serviceYaml('web', { app: 'web' }),
      demoDeployment('shop-stable', { replicas: 3, labels: { group: 'shop', track: 'stable' }, container: readiness }),
      demoDeployment('shop-canary', { replicas: 1, version: '2.0.0', labels: { group: 'shop', track: 'canary' }, container: readiness }),
      serviceYaml('shop', { group: 'shop' }),
    ].join('---\n'));
    await waitFor('6 ready pods', async () => (await podsOf(ns.name, 'app in (web,shop-stable,shop-canary)')).filter(isReady).length === 6, 180_000, 1000);
    podium = await startPodium();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1400 } });
  });
  after(async () => {
    await browser?.close();
    await podium?.stop();
  });

  it('availability probe: start it, roll out without a readiness probe, see failures and both versions on the timeline', { timeout: 300_000 }, async (t) => {
    if (!realNode) return t.skip(NO_REAL_NODE);
    await page.goto(`${podium.url}/ns/${ns.name}/deployments/web`);
    const panel = page.locator('[data-testid="availability-panel"]');
    await panel.locator('[data-testid="availability-start"]').click();
    await waitFor('answers on the timeline', async () => Number(await panel.getAttribute('data-sent')) >= 10, 30_000);
    assert.equal(await panel.getAttribute('data-failures'), '0');
    assert.match(await page.locator('[data-testid="traffic-transport"]').first().innerText(), /services\/proxy/);
    await kubectl(['-n', ns.name, 'set', 'env', 'deployment/web', 'APP_VERSION=2.0.0']);
    await waitFor('failures on screen', async () => Number(await panel.getAttribute('data-failures')) > 0, 120_000, 500);
    await waitFor('2.0.0 in the legend', async () => (await panel.locator('[data-answerer="2.0.0"]').count()) === 1, 120_000, 500);
    await kubectl(['-n', ns.name, 'rollout', 'status', 'deployment/web', '--timeout=120s']);
    assert.ok((await panel.locator('[data-testid="availability-timeline"] g[data-failed]').count()) > 0, 'red columns on the timeline');
    assert.match(await panel.locator('[data-testid="availability-message"]').innerText(), /503|starting|refused|endpoint/);
    await page.locator('[data-testid="rollout-panel"]').scrollIntoViewIfNeeded();
    await fullPageScreenshot(page, 'traffic-deployment.png');
    await panel.screenshot({ path: join(SCREENSHOTS, 'traffic-availability.png') });
    await panel.locator('[data-testid="availability-stop"]').click();
    await waitFor('stopped', async () => (await panel.getAttribute('data-state')) === 'stopped', 15_000);
  });

  it('load generator: start it and see requests/s and the chart move, then stop it', { timeout: 120_000 }, async (t) => {
    if (!realNode) return t.skip(NO_REAL_NODE);
    const panel = page.locator('[data-testid="load-panel"]');
    await panel.locator('[data-testid="load-path"]').fill('/version');
    await panel.locator('[data-testid="load-concurrency"]').fill('4');
    await panel.locator('[data-testid="load-duration"]').fill('60');
    await panel.locator('[data-testid="load-start"]').click();
    // the chart is drawn once its place is in view (components/charts/when-visible.tsx): look at it
    const chartLabel = async () => {
      await panel.evaluate((el) => el.scrollIntoView({ block: 'end' }));
      return panel.locator('[data-testid="load-chart"]').getAttribute('aria-label', { timeout: 2_000 });
    };
    let first = '';
    await waitFor(
      'the load chart drawn',
      async () => {
        first = (await chartLabel()) ?? '';
        return first.includes('in the last second') ? true : `chart label: ${first || '(none)'}`;
      },
      30_000,
      500,
    );
    await waitFor('the load chart moving', async () => (await chartLabel()) !== first, 15_000, 500);
    const rps = Number((await panel.locator('[data-testid="load-rps"]').innerText()).match(/[\d,]+/)?.[0]?.replace(/,/g, ''));
    assert.ok(rps > 0, `requests/s on screen: ${rps}`);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(SCREENSHOTS, 'traffic-load.png') });
    await panel.locator('[data-testid="load-stop"]').click();
    await waitFor('the load stopped', async () => (await panel.getAttribute('data-state')) === 'stopped', 15_000);
  });

  it('canary panel: expected 75/25 vs measured, with the sample size and the 95 % range', { timeout: 120_000 }, async (t) => {
    if (!realNode) return t.skip(NO_REAL_NODE);
    await page.goto(`${podium.url}/ns/${ns.name}`);
    const panel = page.locator('[data-testid="canary-panel"][data-service="shop"]');
    await panel.locator('[data-testid="split-samples"]').fill('400');
    await panel.locator('[data-testid="split-sample"]').click();
    await waitFor('the sample done', async () => (await panel.locator('[data-testid="split-section"]').getAttribute('data-state')) === 'done', 60_000, 500);
    const rows = await panel.locator('[data-testid="split-row"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-deployment'), Number(e.getAttribute('data-expected')), Number(e.getAttribute('data-measured'))]));
    assert.deepEqual(rows.map((r) => [r[0], r[1]]), [['shop-stable', 75], ['shop-canary', 25]]);
    for (const [, expected, measured] of rows) assert.ok(Math.abs(Number(measured) - Number(expected)) < 12, `measured ${measured} vs ${expected}`);
    assert.match(await panel.locator('[data-testid="split-message"]').innerText(), /n = 400/);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: join(SCREENSHOTS, 'traffic-canary.png') });
  });
});

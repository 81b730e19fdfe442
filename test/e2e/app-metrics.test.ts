// Application metrics in the browser, on the local cluster's real node (issue 19): a Deployment
// whose pods declare prometheus.io/scrape, a bounded request loop through its Service, and during
// a rollout the deployment page's request-rate chart moves from the old version (pod-template-hash)
// to the new one. Screenshot: test-results/screenshots/app-metrics-rollout.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apply, kubectl, readyEndpoints, testNamespace, waitFor, waitForValue } from '../helpers/cluster';
import { currentDemoImage, scrapeAnnotations } from '../helpers/demo-image';
import { SCREENSHOTS, launchBrowser, startPodium, type Podium } from '../helpers/podium';
import {
  NO_REAL_NODE,
  demoDeployment,
  expectRealNode,
  requestLoop,
  serviceProxy,
  serviceYaml,
} from '../helpers/real-node';

const ns = testNamespace('e2e-appmetrics');
const readiness = `        readinessProbe: {httpGet: {path: /readyz, port: http}, periodSeconds: 1}`;
const annotations = scrapeAnnotations();

describe('application metrics in the browser', () => {
  let podium: Podium;
  let browser: Browser;
  let page: Page;
  let realNode = false;
  let stopLoop = false;
  let loop: ReturnType<typeof requestLoop> | null = null;

  before(async () => {
    realNode = await expectRealNode();
    if (!realNode) return;
    await currentDemoImage();
    await apply(
      ns.name,
      [
        demoDeployment('web', { replicas: 2, container: readiness, podAnnotations: annotations }),
        serviceYaml('web', { app: 'web' }),
      ].join('---\n'),
    );
    await waitFor(
      '2 ready endpoints',
      async () => (await readyEndpoints(ns.name, 'web')) === 2,
      180_000,
      1000,
    );
    podium = await startPodium({ PODIUM_SCRAPE_INTERVAL_MS: '2000' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1400 } });
  });
  after(async () => {
    stopLoop = true;
    await loop;
    await browser?.close();
    await podium?.stop();
  });

  it(
    'during a rollout the request rate moves from the old version to the new one',
    { timeout: 420_000 },
    async (t) => {
      if (!realNode) return t.skip(NO_REAL_NODE);
      // a request every 100 ms through the Service for at most 5 minutes
      loop = requestLoop(serviceProxy(ns.name, 'web', '/version'), {
        everyMs: 100,
        maxMs: 300_000,
        maxRequests: 3_000,
        stop: () => stopLoop,
      });
      await page.goto(`${podium.url}/ns/${ns.name}/deployments/web`);
      const panel = page.locator('[data-testid="app-metrics-panel"]');
      const card = panel.locator('[data-testid="app-metric"][data-key="requests"]');
      await panel.scrollIntoViewIfNeeded();
      assert.equal(await panel.getAttribute('data-source'), 'direct');
      const before = await waitForValue(
        'one version serving',
        async () => {
          await card.scrollIntoViewIfNeeded();
          const live = (await card.getAttribute('data-live')) ?? '';
          const label =
            (await card
              .locator('[data-testid="app-metric-chart-requests"]')
              .getAttribute('aria-label')
              .catch(() => null)) ?? '';
          return live.split(' ').filter(Boolean).length === 1 && /\/s/.test(label) ? { live, label } : null;
        },
        90_000,
        1000,
      );
      await kubectl(['-n', ns.name, 'set', 'env', 'deployment/web', 'APP_VERSION=2.0.0']);
      await kubectl(['-n', ns.name, 'rollout', 'status', 'deployment/web', '--timeout=180s']);
      const moved = await waitForValue(
        'the rate on the new version only',
        async () => {
          await card.scrollIntoViewIfNeeded();
          const versions = ((await card.getAttribute('data-versions')) ?? '').split(' ').filter(Boolean);
          const live = ((await card.getAttribute('data-live')) ?? '').split(' ').filter(Boolean);
          return versions.length === 2 && live.length === 1 && live[0] !== before.live
            ? { versions, live }
            : null;
        },
        120_000,
        1000,
      );
      assert.ok(
        moved.versions.includes(before.live),
        'the old version is still drawn, up to where it stopped',
      );
      const label =
        (await card.locator('[data-testid="app-metric-chart-requests"]').getAttribute('aria-label')) ?? '';
      assert.match(label, new RegExp(`${moved.live[0]} [\\d.]+/s`));
      await panel.screenshot({ path: join(SCREENSHOTS, 'app-metrics-rollout.png') });
    },
  );
});

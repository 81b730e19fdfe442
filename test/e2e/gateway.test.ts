// The canary story's HTTPRoute in the browser, on the built-in cluster's gateway (Traefik on the real
// node, issue 21): the routes panel shows the route Accepted by its Gateway with 90/10 configured,
// Podium's sample through the gateway's loopback entry measures about 10 % for the canary, and after
// the weight is set to 50/50 from the page a new sample measures about half. Screenshot:
// test-results/screenshots/gateway-route.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { binomialInterval } from '../../lib/models/split-stats';
import { ROOT, apply, readyEndpoints, testNamespace, waitFor, waitForValue } from '../helpers/cluster';
import { GATEWAY_ENTRY, waitForGateway, waitForHost, waitForRoute } from '../helpers/gateway';
import { SCREENSHOTS, launchBrowser, startPodium, type Podium, fullPageScreenshot } from '../helpers/podium';
import { NO_REAL_NODE, expectRealNode } from '../helpers/real-node';

const ns = testNamespace('e2e-gateway');
const SAMPLES = 200;

describe('a weighted HTTPRoute through the gateway, in the browser', () => {
  let podium: Podium;
  let browser: Browser;
  let page: Page;
  let realNode = false;

  before(async () => {
    realNode = await expectRealNode();
    if (!realNode) return;
    await waitForGateway();
    // the story as a lesson applies it, on a host of this test's own
    const yaml = readFileSync(join(ROOT, 'lib', 'lessons', 'manifests', 'canary.yaml'), 'utf8');
    await apply(ns.name, yaml.replaceAll('echo.local', `${ns.name}.echo.local`));
    for (const [svc, n] of [
      ['echo-stable', 3],
      ['echo-canary', 1],
    ] as const)
      await waitFor(
        `${svc}: ${n} ready`,
        async () => (await readyEndpoints(ns.name, svc)) === n,
        180_000,
        1_000,
      );
    await waitForRoute(ns.name, 'echo');
    await waitForHost(`${ns.name}.echo.local`, ['1.0.0', '2.0.0']);
    podium = await startPodium({ PODIUM_GATEWAY_URL: `http://${GATEWAY_ENTRY.host}:${GATEWAY_ENTRY.port}` });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1400 } });
  });
  after(async () => {
    await browser?.close();
    await podium?.stop();
  });

  /** The canary Service's share of the last sample through the gateway, as the page shows it. */
  const gatewayShare = async (route: Locator) =>
    Number(
      await route
        .locator(
          '[data-testid="route-backend"][data-service="echo-canary"] [data-testid="route-gateway-share"]',
        )
        .getAttribute('data-measured'),
    ) / 100;

  /** Presses the sample button and waits for a finished sample; its canary share. */
  const sample = async (route: Locator) => {
    const status = route.locator('[data-testid="route-sample-status"]');
    const before = (await status.count()) > 0 ? await status.getAttribute('data-run') : null;
    await route.locator('[data-testid="route-sample"]').click();
    await waitFor(
      'a finished sample through the gateway',
      async () =>
        (await status.count()) > 0 &&
        (await status.getAttribute('data-state')) === 'done' &&
        (await status.getAttribute('data-run')) !== before,
      90_000,
      500,
    );
    assert.match(
      await status.innerText(),
      new RegExp(`^${SAMPLES}/${SAMPLES} answered via http://127\\.0\\.0\\.1:`),
    );
    return gatewayShare(route);
  };

  it(
    'shows the route Accepted with 90/10, measures about 10 % through the gateway, then 50 % after an edit',
    { timeout: 420_000 },
    async (t) => {
      if (!realNode) return t.skip(NO_REAL_NODE);
      await page.goto(`${podium.url}/ns/${ns.name}`);
      const route = page.locator('[data-testid="weighted-route"][data-kind="HTTPRoute"][data-name="echo"]');
      await route.waitFor({ timeout: 60_000 });
      await route.scrollIntoViewIfNeeded();
      await waitFor(
        'Accepted by echo',
        async () =>
          (await route.locator('[data-testid="route-accepted"]').allInnerTexts()).join() ===
          'Accepted by echo',
        60_000,
        500,
      );
      assert.equal(await route.locator('[data-testid="route-problem"]').count(), 0);
      const configured = await route
        .locator('[data-testid="route-backend"]')
        .evaluateAll((rows) =>
          rows.map((r) => [r.getAttribute('data-service'), Number(r.getAttribute('data-share'))]),
        );
      assert.deepEqual(configured, [
        ['echo-stable', 90],
        ['echo-canary', 10],
      ]);

      const tenth = binomialInterval(SAMPLES, 0.1, 0.999);
      const first = await sample(route);
      assert.ok(first >= tenth.low && first <= tenth.high, `canary ${first} through the gateway for 10 %`);
      // the pods counted those requests themselves (their /metrics, read every 5 s): the share real
      // traffic got follows the weights too, not the 3 + 1 replicas
      const observed = await waitForValue(
        'the pods’ own counters show the sample',
        async () => {
          const cells = await route.locator('[data-testid="route-observed"]').evaluateAll((els) =>
            els.map((e) => ({
              service: e.closest('tr')?.getAttribute('data-service'),
              share: Number(e.getAttribute('data-observed')) / 100,
              responses: Number(e.getAttribute('data-responses')),
            })),
          );
          const total = cells.reduce((n, c) => n + c.responses, 0);
          const canary = cells.find((c) => c.service === 'echo-canary');
          return canary && total >= SAMPLES ? { share: canary.share, total } : null;
        },
        60_000,
        1_000,
      );
      assert.ok(
        observed.share >= 0.03 && observed.share <= 0.2,
        `observed canary share ${observed.share} of ${observed.total}`,
      );
      await route.screenshot({ path: join(SCREENSHOTS, 'gateway-route.png') });

      // 90 -> 10 for the stable backend, from the page (confirmed): 10/10
      const stable = route.locator('[data-testid="route-backend"][data-service="echo-stable"]');
      await stable.locator('[data-testid="route-weight-input"]').fill('10');
      await stable.locator('[data-testid="route-weight-set"]').click();
      await page.locator('[data-testid="confirm-yes"]').click();
      await waitFor(
        '50 % configured',
        async () => (await stable.getAttribute('data-share')) === '50',
        30_000,
        500,
      );

      // Traefik applies the change within seconds; a sample taken before it may still see 90/10
      const half = binomialInterval(SAMPLES, 0.5, 0.999);
      const second = await waitForValue(
        'a sample through the gateway near 50 %',
        async () => {
          const share = await sample(route);
          return share >= half.low && share <= half.high ? { share } : null;
        },
        240_000,
        2_000,
      );
      assert.ok(second.share > tenth.high, `${second.share} moved from 10 %`);
      await fullPageScreenshot(page, 'gateway-overview.png');
    },
  );
});

// The deployment page's CPU and memory charts from the built-in Prometheus, in Chromium against the
// production build (issue 19): with PODIUM_PROMETHEUS_URL the cards say "from Prometheus" and a
// freshly started Podium draws the minutes before it started at once; with a Prometheus that is
// away they say so and draw the in-memory samples. Screenshots: prometheus-history-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apply, readyEndpoints, testNamespace, waitFor } from '../helpers/cluster';
import { launchBrowser, startPodium, type Podium, fullPageScreenshot } from '../helpers/podium';
import { PROM, SCRAPED, closedPort } from '../helpers/prometheus';
import { closeConnections, demoDeployment, serviceYaml } from '../helpers/real-node';

const ns = testNamespace('e2e-prom');

/** Opens the deployment page with its usage cards scrolled into view (the charts load once visible). */
async function openUsage(browser: Browser, podium: Podium): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(`${podium.url}/ns/${ns.name}/deployments/web`);
  await page.getByRole('heading', { name: 'CPU per pod' }).scrollIntoViewIfNeeded({ timeout: 60_000 });
  return page;
}

describe('CPU and memory history from Prometheus', () => {
  let browser: Browser;
  let started = 0;

  before(async () => {
    await apply(
      ns.name,
      demoDeployment('web', { replicas: 2, podAnnotations: SCRAPED }) +
        '---\n' +
        serviceYaml('web', { app: 'web' }),
    );
    await waitFor(
      '2 ready endpoints',
      async () => (await readyEndpoints(ns.name, 'web')) === 2,
      120_000,
      500,
    );
    // both pods' CPU rate in Prometheus for half a minute before this Podium starts (cAdvisor stamps
    // its samples itself, every 10-15 s, and rate() needs two of them)
    await waitFor(
      'half a minute of CPU rates of both pods in Prometheus',
      async () => {
        const now = Math.floor(Date.now() / 1000);
        const q = `sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="${ns.name}",container=""}[60s]))`;
        const params = new URLSearchParams({
          query: q,
          start: String(now - 180),
          end: String(now),
          step: '5',
        });
        const res = await fetch(`${PROM}/api/v1/query_range?${params}`);
        const body = (await res.json()) as { data?: { result?: { values: [number, string][] }[] } };
        const series = body.data?.result ?? [];
        return series.length === 2 && series.every((x) => (x.values[0]?.[0] ?? now) <= now - 35);
      },
      150_000,
      3_000,
    );
    browser = await launchBrowser();
    started = Date.now();
  });
  after(async () => {
    await browser?.close();
    await closeConnections();
  });

  it('a fresh Podium draws the minutes before it started, and says the source is Prometheus', async () => {
    const podium = await startPodium({ PODIUM_PROMETHEUS_URL: PROM });
    try {
      const page = await openUsage(browser, podium);
      const source = page.locator('[data-testid="usage-source"]').first();
      await waitFor(
        'the source says Prometheus',
        async () => (await source.getAttribute('data-source')) === 'prometheus',
        30_000,
      );
      assert.match(await source.innerText(), /from Prometheus \(cAdvisor\), last 60 min/);
      const lines = page.locator('[data-testid="usage-chart-memory"] .recharts-line');
      const memory = page.getByRole('heading', { name: 'Memory per pod' });
      // kept in view, as a reader watching it would: the blocks above grow as the page's data
      // comes in and can push the card out of view before its chart loaded (a dry run timed out)
      await waitFor(
        '2 memory lines',
        async () => {
          await memory.scrollIntoViewIfNeeded({ timeout: 5_000 });
          return (await lines.count()) === 2;
        },
        30_000,
      );
      // what it drew reaches back before this Podium existed: no in-memory sampler could have it
      const oldest = await page.evaluate(async (url) => {
        const body = (await (await fetch(url)).json()) as { points?: { t: number; pods: object }[] };
        return body.points?.find((p) => Object.keys(p.pods).length === 2)?.t ?? null;
      }, `/api/namespaces/${ns.name}/deployments/web/usage-history?rangeMinutes=60`);
      assert.ok(
        oldest !== null && oldest < started - 20_000,
        `oldest point with both pods: ${oldest}, Podium started ${started}`,
      );
      await fullPageScreenshot(page, 'prometheus-history-on.png');
    } finally {
      await podium.stop();
    }
  });

  it('with Prometheus away, the cards say so and draw the in-memory samples', async () => {
    const podium = await startPodium({ PODIUM_PROMETHEUS_URL: `http://127.0.0.1:${await closedPort()}` });
    try {
      const page = await openUsage(browser, podium);
      const source = page.locator('[data-testid="usage-source"]').first();
      await waitFor(
        'the source says why not Prometheus',
        async () => /unreachable/.test(await source.innerText()),
        30_000,
      );
      assert.equal(await source.getAttribute('data-source'), 'memory');
      await fullPageScreenshot(page, 'prometheus-history-away.png');
    } finally {
      await podium.stop();
    }
  });
});

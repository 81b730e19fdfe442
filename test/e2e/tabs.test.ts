// One live stream per browser, not per tab (issue 12): ten tabs of one browser profile on one
// namespace all follow a real `kubectl scale`, over ONE stream to Podium's server. Before the shared
// worker, a browser spent one of its six HTTP/1.1 connections per host on each tab's EventSource, and
// the tabs after the sixth never loaded. Closing the tab that started the worker changes nothing for
// the others; a tab opened later gets the state from the worker; closing them all closes the stream.
// The streams are counted on the server's side by the kernel (`ss`), see `streams` below.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apply, deploymentYaml, kubectl, testNamespace, waitFor } from '../helpers/cluster';
import { SCREENSHOTS, launchBrowser, screenState, startPodium, type Podium } from '../helpers/podium';

const ns = testNamespace('h-tabs');
const TABS = 10;

describe('ten tabs of one browser share one live stream', () => {
  let podium: Podium;
  let browser: Browser;
  let context: BrowserContext;
  let pages: Page[] = [];

  before(async () => {
    await apply(ns.name, deploymentYaml('web', { replicas: 2 }));
    podium = await startPodium();
    browser = await launchBrowser();
    // one browser context is one profile: one connection pool, one SharedWorker per origin
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await browser?.close();
    await podium?.stop();
  });

  const url = () => `${podium.url}/ns/${ns.name}/deployments/web`;
  /**
   * The streams the server is serving now: its TCP connections (`ss`, the server's side) that have
   * received nothing for 8 s. Node closes an idle keep-alive connection after 5 s, so a connection
   * that stays open that long without a new request is a response still streaming.
   */
  const streams = () => {
    const port = new URL(podium.url).port;
    const out = execFileSync('ss', ['-Htni', 'state', 'established', `( sport = :${port} )`], {
      encoding: 'utf8',
    });
    return [...out.matchAll(/lastrcv:(\d+)/g)].filter((m) => Number(m[1]) > 8_000).length;
  };
  /** The count once it holds: the same three times in a row, a second apart. */
  const settledStreams = (expected: number) =>
    waitFor(
      `${expected} stream(s) on the server`,
      async () => {
        const seen: number[] = [];
        for (let i = 0; i < 3; i++) {
          seen.push(streams());
          await new Promise((r) => setTimeout(r, 1_000));
        }
        if (!seen.every((n) => n === expected)) return `streams seen: ${seen.join(', ')}`;
        console.log(`# streams on the server: ${seen.join(', ')}`);
        return true;
      },
      60_000,
    );
  /**
   * The pods a tab shows, but those terminating: the replica count. Not only the ready ones: the
   * shared cluster's scheduler may take minutes to place kwok pods while other suites load it, and
   * what this file tests is that every tab hears of the new pods, not how soon they are scheduled.
   */
  const podTiles = (p: Page) =>
    p.locator('[data-testid="pod-tile"]:not([data-status="Terminating"])').count();
  const allShow = async (list: Page[], n: number) => {
    const counts = await Promise.all(list.map(podTiles));
    return counts.every((c) => c === n) ? true : `pod tiles per tab: ${counts.join(', ')}`;
  };

  it(`all ${TABS} tabs load and follow kubectl scale, over one stream`, { timeout: 900_000 }, async () => {
    // the first tab starts the worker; the nine others open together
    pages.push(await context.newPage());
    await pages[0]!.goto(url(), { timeout: 120_000 });
    await waitFor('tab 1: 2 pod tiles', async () => (await podTiles(pages[0]!)) === 2 || (await screenState(pages[0]!)), 120_000);
    for (let i = 1; i < TABS; i++) pages.push(await context.newPage());
    const loads = await Promise.allSettled(pages.slice(1).map((p) => p.goto(url(), { timeout: 180_000 })));
    // before the shared stream, six tabs held all six connections to the host and the rest never loaded
    const stuck = loads.flatMap((r, i) => (r.status === 'rejected' ? [i + 2] : []));
    assert.deepEqual(stuck, [], `tabs that did not load: ${stuck.join(', ')}`);
    await waitFor(`all ${TABS} tabs: 2 pod tiles`, () => allShow(pages, 2), 120_000);

    await kubectl(['-n', ns.name, 'scale', 'deployment/web', '--replicas=4']);
    await waitFor(`all ${TABS} tabs: 4 pod tiles`, () => allShow(pages, 4), 90_000);
    for (const page of pages) {
      assert.equal(
        await page.locator('[data-testid="connection-indicator"]').getAttribute('data-state'),
        'live',
      );
    }
    await pages[TABS - 1]!.screenshot({
      path: join(SCREENSHOTS, 'tabs-10th-scaled-to-4.png'),
      timeout: 120_000,
    });
    await settledStreams(1);
  });

  it(
    'the tab that started the worker closes; the others follow the next scale on the same stream',
    { timeout: 240_000 },
    async () => {
      await pages[0]!.close();
      pages = pages.slice(1);
      await kubectl(['-n', ns.name, 'scale', 'deployment/web', '--replicas=3']);
      await waitFor(`the ${pages.length} other tabs: 3 pod tiles`, () => allShow(pages, 3), 90_000);
      await pages[0]!.screenshot({
        path: join(SCREENSHOTS, 'tabs-after-first-closed-scaled-to-3.png'),
        timeout: 120_000,
      });
      await settledStreams(1);
    },
  );

  it(
    'a tab opened now gets the current state from the worker, without a new stream',
    { timeout: 240_000 },
    async () => {
      const page = await context.newPage();
      pages.push(page);
      await page.goto(url(), { timeout: 120_000 });
      const loaded = Date.now();
      await waitFor('3 pod tiles in the new tab', async () => (await podTiles(page)) === 3, 60_000);
      console.log(`# the joining tab showed the pods ${Date.now() - loaded} ms after its load event`);
      await settledStreams(1);
    },
  );

  it('when every tab is closed the stream closes on the server', { timeout: 120_000 }, async () => {
    for (const page of pages) await page.close();
    await settledStreams(0);
  });
});

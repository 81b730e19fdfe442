// Browser tests of the live view (issue 3), in Debian's Chromium against the production build and
// the local cluster: the pod grid follows a kubectl scale, a restart shows its reason, and the
// connection indicator says "reconnecting" while the API server is down and "live" once it is back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ROOT, apply, deploymentYaml, kubectl, testNamespace, waitFor } from '../helpers/cluster';
import { READY_TILE, SCREENSHOTS, launchBrowser, startPodium, type Podium, fullPageScreenshot } from '../helpers/podium';

const ns = testNamespace('e2e-live');

describe('live view in the browser', () => {
  let podium: Podium;
  let browser: Browser;
  let page: Page;

  before(async () => {
    await apply(ns.name, deploymentYaml('web', { replicas: 2 }));
    // A long "reconnecting" phase, so the test sees it before it turns into "API unreachable".
    podium = await startPodium({ PODIUM_UNREACHABLE_AFTER_MS: '120000' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${podium.url}/ns/${ns.name}/deployments/web`);
  });
  after(async () => {
    await browser?.close();
    await podium?.stop();
  });

  const tiles = (p: Page, selector = '[data-testid="pod-tile"]') => p.locator(selector);
  const readyTiles = () => tiles(page, READY_TILE);

  it('shows the pods, then follows kubectl scale up and down', async () => {
    await waitFor('2 ready pod tiles', async () => (await readyTiles().count()) === 2, 30_000);
    await kubectl(['-n', ns.name, 'scale', 'deployment/web', '--replicas=5']);
    await waitFor('5 ready pod tiles', async () => (await readyTiles().count()) === 5, 30_000);
    await fullPageScreenshot(page, 'live-scaled-to-5.png');
    await kubectl(['-n', ns.name, 'scale', 'deployment/web', '--replicas=1']);
    await waitFor('1 pod tile left', async () => (await tiles(page).count()) === 1, 30_000);
    assert.equal(await readyTiles().count(), 1);
  });

  it("draws a new pod's tile first, and the pod table below the fold in the next commit", async () => {
    // a laptop's window: the pod table is below the fold, and the browser skips it
    // (components/ui/skip-offscreen.tsx: React renders what is skipped after the rest)
    const small = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    try {
      await small.goto(`${podium.url}/ns/${ns.name}/deployments/web`);
      await waitFor('1 ready pod tile', async () => (await tiles(small, READY_TILE).count()) === 1, 30_000);
      const skipped = await small.evaluate(`(() => {
        const row = document.querySelector('[data-testid="pod-row"]');
        return row ? !row.checkVisibility({ contentVisibilityAuto: true }) : 'no row; top ' + document.body.scrollHeight;
      })()`);
      assert.equal(skipped, true, 'the pod table should be below the fold, skipped');
      const shownBefore = await tiles(small).evaluateAll((es) => es.map((e) => e.getAttribute('data-pod')));
      await small.evaluate(`(() => {
        window.__commits = [];
        new MutationObserver((records) => {
          const tiles = [], rows = [];
          for (const r of records)
            for (const n of r.addedNodes) {
              if (!(n instanceof Element)) continue;
              for (const e of [n, ...n.querySelectorAll('[data-pod]')]) {
                const pod = e.getAttribute('data-pod');
                if (pod && e.getAttribute('data-testid') === 'pod-tile') tiles.push(pod);
                if (pod && e.getAttribute('data-testid') === 'pod-row') rows.push(pod);
              }
            }
          if (tiles.length || rows.length) window.__commits.push({ tiles, rows });
        }).observe(document.body, { subtree: true, childList: true });
      })()`);
      await kubectl(['-n', ns.name, 'scale', 'deployment/web', '--replicas=3']);
      await waitFor('3 pod tiles', async () => (await tiles(small).count()) === 3, 30_000);
      await waitFor('3 rows in the pod table', async () => (await small.locator('[data-testid="pod-row"]').count()) === 3, 10_000);
      const commits = (await small.evaluate('window.__commits')) as { tiles: string[]; rows: string[] }[];
      const newPods = [...new Set(commits.flatMap((c) => c.tiles))].filter((p) => !shownBefore.includes(p));
      assert.equal(newPods.length, 2, JSON.stringify(commits));
      for (const pod of newPods) {
        const first = commits.find((c) => c.tiles.includes(pod))!;
        assert.ok(!first.rows.includes(pod), `${pod}: its tile and its table row came in one commit: ${JSON.stringify(commits)}`);
      }
    } finally {
      await small.close();
      await kubectl(['-n', ns.name, 'scale', 'deployment/web', '--replicas=1']);
    }
    await waitFor('1 pod tile left', async () => (await tiles(page).count()) === 1, 30_000);
  });

  it('shows a restart with the reason of the last termination', async () => {
    const name = await tiles(page).first().getAttribute('data-pod');
    assert.ok(name);
    await kubectl(['-n', ns.name, 'annotate', 'pod', name, 'sim.podium.dev/restarts=1', 'sim.podium.dev/restart-reason=OOMKilled']);
    await waitFor('restart count 1 on the tile', async () => (await tiles(page).first().getAttribute('data-restarts')) === '1', 30_000);
    const row = page.locator(`[data-testid="pod-row"][data-pod="${name}"]`);
    await waitFor('OOMKilled in the table', async () => /OOMKilled/.test(await row.innerText()), 10_000);
    assert.match(await row.locator('[data-testid="pod-last-termination"]').innerText(), /OOMKilled.*137|137.*OOMKilled/s);
    await fullPageScreenshot(page, 'live-restart-oomkilled.png');
  });

  it('says "reconnecting" while the API server is down and "live" when it is back', { timeout: 180_000 }, async () => {
    const indicator = page.locator('[data-testid="connection-indicator"]');
    await waitFor('live', async () => (await indicator.getAttribute('data-state')) === 'live', 20_000);
    const script = join(ROOT, 'scripts/cluster/apiserver.sh');
    execFileSync('bash', [script, 'stop']);
    try {
      await waitFor('reconnecting', async () => (await indicator.getAttribute('data-state')) === 'reconnecting', 30_000);
      await page.screenshot({ path: join(SCREENSHOTS, 'live-reconnecting.png') });
    } finally {
      execFileSync('bash', [script, 'start']);
    }
    await waitFor('live again', async () => (await indicator.getAttribute('data-state')) === 'live', 90_000);
    // and the data is fresh again: a change made now still shows up
    await kubectl(['-n', ns.name, 'scale', 'deployment/web', '--replicas=2']);
    await waitFor('2 ready pod tiles after the outage', async () => (await readyTiles().count()) === 2, 60_000);
  });
});

// A lesson walked end to end in Chromium (issues 5 and 8): set up the liveness story in its lesson
// namespace, where its pods run for real on the local cluster's real node; press "Hang" (the app's
// own /inemuri), watch the kubelet restart the pod and the step tick off with its measured timing,
// scale from the lesson, clean up. Then projector mode at 1920x1080 and
// 1280x720: nothing cut off horizontally.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { kubectl, waitFor } from '../helpers/cluster';
import { ensureCluster } from '../helpers/cluster';
import { SCREENSHOTS, launchBrowser, startPodium, type Podium, fullPageScreenshot } from '../helpers/podium';

const PREFIX = `lesson-e2e${Date.now().toString(36).slice(-4)}-`;
const NS = `${PREFIX}liveness-restarts`;

describe('a lesson, end to end in the browser', () => {
  let podium: Podium;
  let browser: Browser;
  let page: Page;

  before(async () => {
    ensureCluster();
    podium = await startPodium({ PODIUM_LESSON_PREFIX: PREFIX });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  });
  after(async () => {
    await browser?.close();
    await podium?.stop();
    await kubectl(['delete', 'namespace', NS, '--wait=false']).catch(() => undefined);
  });

  const step = (id: string) => page.locator(`[data-testid="lesson-step"][data-step-id="${id}"]`);
  const done = async (id: string) => (await step(id).getAttribute('data-done')) === 'true';

  it('sets the story up, and the first step ticks off when three pods are ready', async () => {
    await page.goto(`${podium.url}/ns/default/lessons/liveness-restarts`);
    await page.waitForURL(new RegExp(`/ns/${NS}/lessons/liveness-restarts`), { timeout: 30_000 });
    await page.locator('[data-testid="lesson-setup"]').click();
    await page.locator('[data-testid="confirm-yes"]').click();
    await waitFor('the step "up" done', () => done('up'), 60_000);
    assert.equal(await page.locator('[data-testid="pod-tile"][data-ready="true"]').count(), 3);
  });

  it('runs the hang for real: /inemuri, the kubelet restarts the pod, the step is timed', async () => {
    await page.locator('[data-testid="lesson-cluster"][data-simulated="false"]').waitFor();
    assert.equal(await page.locator('[data-testid="lesson-simulate-hang"]').count(), 0, 'no Simulate for real pods');
    await step('hang').locator('[data-testid="lesson-action-hang"]').click();
    const confirmButton = page.locator('[data-testid="confirm-yes"]');
    if (await confirmButton.isVisible().catch(() => false)) await confirmButton.click();
    // liveness every 2 s, 3 failures: the kubelet restarts the container within ~10 s
    await waitFor('the step "hang" done', () => done('hang'), 60_000);
    const timing = step('hang').locator('[data-testid="lesson-timing"]');
    assert.match(await timing.innerText(), /\d+(\.\d+)?\s*s/);
    const ms = Number(await timing.getAttribute('data-ms'));
    console.log(`# lesson: Hang -> restart seen after ${(ms / 1000).toFixed(1)} s`);
    assert.ok(ms > 2_000, `a real liveness restart takes seconds, not ${ms} ms`);
    const restarted = page.locator('[data-testid="pod-tile"][data-restarts="1"]');
    await waitFor('a tile with one restart', async () => (await restarted.count()) === 1, 10_000);
    await fullPageScreenshot(page, 'lesson-liveness.png');
  });

  it('scales to 10 from the lesson', async () => {
    await page.locator('[data-testid="lesson-action-scale"]').click();
    const confirmButton = page.locator('[data-testid="confirm-yes"]');
    if (await confirmButton.isVisible().catch(() => false)) await confirmButton.click();
    await waitFor('the step "scale" done', () => done('scale'), 60_000);
  });

  for (const [w, h] of [
    [1920, 1080],
    [1280, 720],
  ] as const) {
    it(`projector mode at ${w}x${h}: readable, nothing cut off`, async () => {
      const p = await browser.newPage({ viewport: { width: w, height: h } });
      await p.goto(`${podium.url}/ns/${NS}/deployments/echo/projector`);
      await p.locator('[data-testid="pod-tile"]').first().waitFor({ timeout: 30_000 });
      await p.waitForTimeout(1500);
      const m = (await p.evaluate(
        '({ scroll: document.documentElement.scrollWidth, width: window.innerWidth, font: getComputedStyle(document.documentElement).fontSize })',
      )) as { scroll: number; width: number; font: string };
      assert.ok(m.scroll <= m.width, `no horizontal overflow (${m.scroll} > ${m.width})`);
      assert.equal(m.font, '22px', 'projector type size');
      await p.screenshot({ path: join(SCREENSHOTS, `projector-${w}x${h}.png`) });
      await p.close();
    });
  }

  it('cleans up in one click', async () => {
    await page.locator('[data-testid="lesson-cleanup"]').click();
    await page.locator('[data-testid="confirm-yes"]').click();
    await waitFor(
      'the lesson namespace to be deleting',
      async () => {
        const phase = await kubectl(['get', 'namespace', NS, '-o', 'jsonpath={.status.phase}']).catch(
          () => 'Gone',
        );
        return phase === 'Terminating' || phase === 'Gone';
      },
      30_000,
    );
  });
});

// Issue 20: the deployment page at a laptop's size. A first-class-like Deployment (startup, readiness
// and long exec liveness probes) runs on the real node; one pod is made to hang (/inemuri) so the
// kubelet kills it after its liveness probe fails and the pod table has a restart to explain. Then
// at 1280, 1440 and 1920 px, and with the projector's type size, every table must fit its card: no
// horizontal overflow, no cell squeezed to a few characters, no text broken one character per line.
// Screenshots go to test-results/screenshots/tables-*.png.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apply, ensureCluster, kubectl, kubectlJson, waitFor } from '../helpers/cluster';
import { SCREENSHOTS, launchBrowser, startPodium, type Podium, fullPageScreenshot } from '../helpers/podium';
import { apiGet, closeConnections, demoDeployment, expectRealNode, podProxy } from '../helpers/real-node';

const NS = `tables-e2e-${Date.now().toString(36)}`;
const NAME = 'first-class';
// the exec probes of story 004, written out long as a teacher might: the whole command matters
const GET = (path: string) =>
  `printf 'GET ${path} HTTP/1.0\\r\\n\\r\\n' | nc -w 1 127.0.0.1 8080 | grep -q '^HTTP/1.1 200 '`;
const LIVENESS = JSON.stringify([
  'sh',
  '-c',
  `${GET('/healthz')} || { echo "healthz did not answer in 1 s" >&2; exit 1; }`,
]);
const PROBES = `        startupProbe:
          httpGet: {path: /healthz, port: http}
          periodSeconds: 1
          failureThreshold: 30
        readinessProbe:
          exec: {command: ${JSON.stringify(['sh', '-c', GET('/readyz')])}}
          periodSeconds: 5
        livenessProbe:
          exec: {command: ${LIVENESS}}
          periodSeconds: 2
          timeoutSeconds: 3
          failureThreshold: 2`;

/** In the page: every table against its card, and every cell against its text. */
const MEASURE = `(() => {
  const problems = [];
  const ctx = document.createElement('canvas').getContext('2d');
  for (const table of document.querySelectorAll('table')) {
    const name = table.getAttribute('aria-label') || table.dataset.testid || 'table';
    const card = table.closest('[data-slot="card"]');
    const box = table.parentElement;
    if (!card || !box) continue;
    const c = card.getBoundingClientRect();
    const t = table.getBoundingClientRect();
    if (t.right > c.right + 1 || t.left < c.left - 1)
      problems.push(name + ': table ' + Math.round(t.left) + '..' + Math.round(t.right) + ' outside its card ' + Math.round(c.left) + '..' + Math.round(c.right));
    if (box.scrollWidth > box.clientWidth + 1)
      problems.push(name + ': scrolls sideways (' + box.scrollWidth + ' > ' + box.clientWidth + ')');
    for (const cell of table.querySelectorAll('th, td')) {
      const text = (cell.textContent || '').trim();
      if (!text || cell.getAttribute('colspan')) continue;
      const s = getComputedStyle(cell);
      const font = parseFloat(s.fontSize);
      const inner = cell.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
      // squeezed: narrower than its longest word, or than four characters when that word is longer
      ctx.font = s.font;
      const word = Math.max(...text.split(/\\s+/).map((w) => ctx.measureText(w).width));
      if (inner < Math.min(word, ctx.measureText('0000').width) - 1)
        problems.push(name + ': cell "' + text.slice(0, 30) + '" is ' + Math.round(inner) + ' px wide');
      const line = parseFloat(s.lineHeight) || font * 1.5;
      const lines = (cell.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)) / line;
      if (lines > 6) problems.push(name + ': cell "' + text.slice(0, 30) + '" takes ' + Math.round(lines) + ' lines');
    }
  }
  return { problems, tables: document.querySelectorAll('table').length, page: document.documentElement.scrollWidth - window.innerWidth };
})()`;

describe('tables that fit, and a liveness kill told as such', { timeout: 900_000 }, () => {
  let podium: Podium;
  let browser: Browser;
  let page: Page;
  let real = true;

  before(async () => {
    ensureCluster();
    real = await expectRealNode();
    await kubectl(['create', 'namespace', NS]);
    if (real) {
      await waitFor(
        'the default service account',
        () => kubectl(['-n', NS, 'get', 'sa', 'default']).then(() => true),
        30_000,
      );
      await apply(
        NS,
        demoDeployment(NAME, { replicas: 2, env: { INEMURI_SECONDS: '20' }, container: PROBES }),
      );
    }
    podium = await startPodium();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  });
  after(async () => {
    await browser?.close();
    await podium?.stop();
    await closeConnections();
    await kubectl(['delete', 'namespace', NS, '--wait=false']).catch(() => undefined);
  });

  it('explains a liveness kill in the pod row and the tile, whatever the exit code', async (t) => {
    if (!real) return t.skip('no real node');
    await page.goto(`${podium.url}/ns/${NS}/deployments/${NAME}`);
    const ready = page.locator('[data-testid="pod-tile"][data-ready="true"]');
    await waitFor('2 ready pods on the page', async () => (await ready.count()) === 2, 300_000, 500);
    const victim = await ready.first().getAttribute('data-pod');
    assert.ok(victim);
    const answer = await apiGet(podProxy(NS, victim, '/inemuri'));
    assert.equal(answer.status, 200, answer.body);

    const row = page.locator(
      `[data-testid="pod-row"][data-pod="${victim}"] [data-testid="pod-last-termination"]`,
    );
    await waitFor(
      'the pod row to say the liveness probe failed',
      async () => (await row.getAttribute('data-cause').catch(() => null)) === 'liveness',
      120_000,
      500,
    );
    const text = await row.innerText();
    assert.match(text, /Liveness probe failed/);
    // the exec probe's own output is the probe's message
    assert.match(text, /healthz did not answer in 1 s/);
    const tile = page.locator(`[data-testid="pod-tile"][data-pod="${victim}"]`);
    assert.equal(await tile.getAttribute('data-restart-cause'), 'liveness');
    assert.match((await tile.getAttribute('title')) ?? '', /last restart: Liveness probe failed/);
    const pod = await kubectlJson<{
      status: { containerStatuses: { lastState: { terminated?: { reason: string; exitCode: number } } }[] };
    }>(['-n', NS, 'get', 'pod', victim]);
    const last = pod.status.containerStatuses[0]?.lastState.terminated;
    console.log(
      `# liveness kill: lastState ${last?.reason} exit ${last?.exitCode}; the row says: ${text.replace(/\s+/g, ' ')}`,
    );
  });

  for (const [width, projector] of [
    [1280, false],
    [1440, false],
    [1920, false],
    [1920, true],
  ] as const) {
    it(`every table fits its card at ${width} px${projector ? ' with the projector type size' : ''}`, async (t) => {
      if (!real) return t.skip('no real node');
      await page.setViewportSize({ width, height: 1000 });
      await page.goto(`${podium.url}/ns/${NS}/deployments/${NAME}`);
      await page.locator('[data-testid="probe-row"]').first().waitFor({ timeout: 90_000 });
      await page.locator('[data-testid="pod-row"]').first().waitFor({ timeout: 90_000 });
      if (projector) await page.evaluate(() => document.documentElement.classList.add('projector'));
      await page.waitForTimeout(500);
      const file = `tables-${width}${projector ? '-projector' : ''}.png`;
      await fullPageScreenshot(page, file);
      for (const [id, table] of [
        ['pods', 'pod-table'],
        ['probes', 'probe-list'],
      ] as const) {
        const card = page.locator(`[data-slot="card"]:has([data-testid="${table}"])`).first();
        await card.screenshot({ path: join(SCREENSHOTS, file.replace('.png', `-${id}.png`)) });
      }
      const m = (await page.evaluate(MEASURE)) as { problems: string[]; tables: number; page: number };
      assert.ok(m.tables >= 2, `the probe and pod tables at least (${m.tables})`);
      assert.deepEqual(m.problems, [], `see ${file}`);
      assert.ok(m.page <= 0, `the page scrolls sideways by ${m.page} px`);
      // the whole command is there on hover and on focus
      const target = page.locator(
        '[data-testid="probe-row"][data-probe="liveness"] [data-slot="truncated-text"]',
      );
      assert.match((await target.getAttribute('title')) ?? '', /healthz did not answer in 1 s/);
      await target.focus();
      const focused = await target.evaluate((el) => ({ w: el.scrollWidth, cw: el.clientWidth }));
      assert.ok(focused.w <= focused.cw + 1, 'focused, the whole command shows (wrapped)');
    });
  }
});

// The Logs panel in Chromium on the real node: a request sent through the Service with a unique
// marker shows up as the line of the pod that answered; a rollout's new pods' first lines and the
// old pods' shutdown lines arrive in the same panel without reopening it; Crash on a pod, then its
// previous container's last line and exit code one click away; hostile lines stay text.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apply, kubectl, testNamespace } from '../helpers/cluster';
import { waitFor } from '../helpers/wait';
import { SCREENSHOTS, launchBrowser, startPodium, type Podium, fullPageScreenshot } from '../helpers/podium';
import { apiGet, closeConnections, demoDeployment, expectRealNode, isReady, podsOf, serviceProxy, serviceYaml } from '../helpers/real-node';

const ns = testNamespace('e2e-logs');
const real = await expectRealNode();

describe('the Logs panel', { skip: !real }, () => {
  let podium: Podium;
  let browser: Browser;
  let page: Page;
  const panel = () => page.locator('[data-testid="logs-panel"]');
  const panelText = () => panel().innerText();

  before(async () => {
    await apply(ns.name, [demoDeployment('web', { replicas: 2 }), serviceYaml('web', { app: 'web' })].join('---\n'));
    await waitFor('2 ready pods', async () => (await podsOf(ns.name, 'app=web')).filter(isReady).length === 2 || 'not yet', 120_000, 500);
    podium = await startPodium();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    await page.goto(`${podium.url}/ns/${ns.name}/deployments/web`);
    await panel().waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="logs-open"]').click();
  });
  after(async () => {
    await browser?.close();
    await podium?.stop();
    await closeConnections();
  });

  it("shows a request's line, sent through the Service with a unique marker, from the pod that answered", async () => {
    await waitFor('the first lines', async () => (await page.locator('[data-testid="log-line"]').count()) >= 2 || 'not yet');
    const marker = `marker-${Date.now().toString(36)}`;
    const answer = await apiGet(serviceProxy(ns.name, 'web', `/${marker}`));
    assert.equal(answer.status, 404);
    const line = page.locator('[data-testid="log-line"]', { hasText: marker });
    await line.first().waitFor({ timeout: 20_000 });
    const pod = await line.first().getAttribute('data-pod');
    assert.ok(pod?.startsWith('web-'), String(pod));
        await panel().screenshot({ path: join(SCREENSHOTS, 'logs-marker.png') });
  });

  it("shows the new pods' first lines and the old pods' shutdown lines during a rollout, without reopening", async () => {
    const before = (await podsOf(ns.name, 'app=web')).map((p) => p.metadata.name);
    const filter = page.locator('[data-testid="logs-filter"]');
    // the list is virtualised: the filter brings the lines looked for into view (markers always show)
    const shownPods = (marker?: string) =>
      page
        .locator(marker ? `[data-testid="log-line"][data-marker="${marker}"]` : '[data-testid="log-line"]:not([data-marker])')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-pod') ?? ''));
    await kubectl(['-n', ns.name, 'set', 'env', 'deployment/web', 'APP_VERSION=2.0.0']);
    await filter.fill('2.0.0');
    await waitFor('a new pod says it started with 2.0.0', async () => {
      const pods = await shownPods();
      return pods.some((p) => !before.includes(p)) || JSON.stringify(pods);
    }, 120_000);
    await filter.fill('signal');
    await waitFor("an old pod's SIGTERM line", async () => {
      const pods = await shownPods();
      return pods.some((p) => before.includes(p)) || JSON.stringify(pods);
    }, 120_000);
    await filter.fill('no line has this text');
    await waitFor('an old pod ends with "pod deleted"', async () => {
      const pods = await shownPods('deleted');
      return pods.some((p) => before.includes(p)) || JSON.stringify(pods);
    }, 120_000);
    assert.match(await page.locator('[data-testid="logs-hidden"]').innerText(), /^[\d,]+ hidden$/);
        await panel().screenshot({ path: join(SCREENSHOTS, 'logs-rollout.png') });
    await filter.fill('');
  });

  it("presses Crash and reads the previous container's last line and exit code", async () => {
    await waitFor('2 ready pods after the rollout', async () => (await podsOf(ns.name, 'app=web')).filter(isReady).length === 2 || 'not yet', 120_000, 500);
    // a ready pod of the new version (the table may still list an old one that is terminating)
    const podName = (await podsOf(ns.name, 'app=web')).find(isReady)?.metadata.name;
    assert.ok(podName, 'a ready pod');
    const row = page.locator(`[data-testid="pod-row"]:has-text("${podName}")`);
    await row.locator('[data-testid="action-endpoint-seppuku"]').click();
    // the endpoint action always asks first: wait for the dialog rather than look once
    await page.locator('[data-testid="confirm-yes"]').click();
    const previous = page.locator(`[data-testid="pod-row"]:has-text("${podName}") [data-testid="pod-previous-logs"]`);
    await previous.waitFor({ timeout: 90_000 });
    assert.match((await previous.getAttribute('aria-label')) ?? '', /exit 1/);
    await previous.click();
    await page.locator('[data-testid="logs-termination"]').waitFor({ timeout: 20_000 });
    assert.match(await page.locator('[data-testid="logs-termination"]').innerText(), /exit code 1/);
    const last = page.locator('[data-testid="log-line"]').last();
    await last.waitFor({ timeout: 20_000 });
    assert.match(await panelText(), /seppuku/);
        await panel().screenshot({ path: join(SCREENSHOTS, 'logs-previous.png') });
    await fullPageScreenshot(page, 'logs-page.png');
    await page.locator('[data-testid="logs-all-pods"]').click();
  });

  it('renders hostile lines as text: no element, no script, no fetch', async () => {
    const script =
      "console.log('<img src=x onerror=\"window.__pwned=1\">'); console.log('<script>window.__pwned=2</script>'); console.log('\\u001b[31mred\\u001b[0m'); setTimeout(() => {}, 1e9);";
    await apply(
      ns.name,
      demoDeployment('noisy', { replicas: 1 }).replace('        imagePullPolicy: IfNotPresent', `        imagePullPolicy: IfNotPresent\n        command: [node, -e, ${JSON.stringify(script)}]`),
    );
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${podium.url}/ns/${ns.name}/deployments/noisy`);
    await panel().waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="logs-open"]').click();
    await page.locator('[data-testid="log-line"]', { hasText: '<script>window.__pwned=2</script>' }).waitFor({ timeout: 90_000 });
    const list = page.locator('[data-testid="log-list"]');
    assert.equal(await list.locator('img, script').count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.match(await list.innerText(), /<img src=x onerror="window.__pwned=1">/);
    assert.match(await list.innerText(), /\bred\b/);
    assert.doesNotMatch(await list.innerText(), /\[31m/);
    assert.deepEqual(requests.filter((u) => /\/x$/.test(u)), []);
    await panel().screenshot({ path: join(SCREENSHOTS, 'logs-hostile.png') });
  });
});

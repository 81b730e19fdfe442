// Browser tests of the actions (issue 4): click scale, roll out, roll back, restart, delete a pod and
// a probe-failure trigger in Chromium, and see each effect arrive on screen through the live stream
// (no reload), confirmed against the cluster with kubectl.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apply, deploymentYaml, kubectlJson, testNamespace, waitFor } from '../helpers/cluster';
import { READY_TILE, launchBrowser, startPodium, type Podium, fullPageScreenshot } from '../helpers/podium';

const ns = testNamespace('e2e-actions');

interface Deploy {
  spec: { replicas: number; template: { metadata: { annotations?: Record<string, string> }; spec: { containers: { image: string }[] } } };
}

describe('actions in the browser', () => {
  let podium: Podium;
  let browser: Browser;
  let page: Page;
  const deployment = () => kubectlJson<Deploy>(['-n', ns.name, 'get', 'deployment', 'web']);

  before(async () => {
    await apply(ns.name, deploymentYaml('web', { replicas: 2 }));
    podium = await startPodium();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    await page.goto(`${podium.url}/ns/${ns.name}/deployments/web`);
    await page.locator('[data-testid="action-scale"]').waitFor({ timeout: 30_000 });
  });
  after(async () => {
    await browser?.close();
    await podium?.stop();
  });

  const readyTiles = () => page.locator(READY_TILE);
  const allTiles = () => page.locator('[data-testid="pod-tile"]');
  const confirm = () => page.locator('[data-testid="confirm-yes"]').click();

  it('scales to 4 with the scale control', async () => {
    await page.locator('[data-testid="scale-input"]').fill('4');
    await page.locator('[data-testid="action-scale"]').click();
    await waitFor('4 ready pods on screen', async () => (await readyTiles().count()) === 4, 30_000);
    assert.equal((await deployment()).spec.replicas, 4);
  });

  it('rolls out a new image, and the new ReplicaSet takes over on screen', async () => {
    const mode = page.locator('[data-testid="rollout-mode"]');
    if (await mode.count()) await mode.selectOption('image');
    await page.locator('[data-testid="rollout-input"]').fill('podium-demo:2.0.0');
    await page.locator('[data-testid="action-rollout"]').click();
    await confirm();
    await waitFor('the rollout to finish on screen', async () => {
      const text = await page.locator('[data-testid="rollout-panel"]').innerText();
      return /podium-demo:2\.0\.0/.test(text) && /complete/i.test(text);
    }, 60_000);
    assert.equal((await deployment()).spec.template.spec.containers[0]?.image, 'podium-demo:2.0.0');
    await fullPageScreenshot(page, 'actions-rolled-out.png');
  });

  it('rolls back to revision 1', async () => {
    await waitFor('revision 1 offered', async () => (await page.locator('[data-testid="rollback-revision"] option[value="1"]').count()) === 1, 20_000);
    await page.locator('[data-testid="rollback-revision"]').selectOption('1');
    await page.locator('[data-testid="action-rollback"]').click();
    await confirm();
    await waitFor('image 1.0.0 again', async () => (await deployment()).spec.template.spec.containers[0]?.image === 'podium-demo:1.0.0', 30_000);
    await waitFor('4 ready pods after the rollback', async () => (await readyTiles().count()) === 4 && (await allTiles().count()) === 4, 60_000);
  });

  it('lists the revisions once the history is opened, and not before', async () => {
    const rows = page.locator('[data-testid="revision-row"]');
    // closed: the list is not rendered at all (its clocks would tick in a block nobody sees)
    assert.equal(await rows.count(), 0);
    await page.locator('[data-testid="revision-history"] summary').click();
    // the rollback made revision 3 of revision 1's template: revisions 2 and 3 remain
    await waitFor('revisions 3 (current) and 2 listed', async () => {
      const shown = await rows.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-revision')}:${e.getAttribute('data-current')}`));
      return shown.join(',') === '3:true,2:false';
    }, 10_000);
    await page.locator('[data-testid="revision-history"] summary').click();
    await waitFor('the list gone when closed', async () => (await rows.count()) === 0, 5_000);
  });

  it('restarts the rollout: every pod is replaced', async () => {
    const before = new Set(await allTiles().evaluateAll((els) => els.map((e) => e.getAttribute('data-pod'))));
    await page.locator('[data-testid="action-restart"]').click();
    await confirm();
    await waitFor('all pods replaced on screen', async () => {
      const now = await readyTiles().evaluateAll((els) => els.map((e) => e.getAttribute('data-pod')));
      return now.length === 4 && (await allTiles().count()) === 4 && now.every((n) => !before.has(n));
    }, 90_000);
    assert.ok((await deployment()).spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']);
  });

  it('deletes a pod: it goes, and a new one takes its place', async () => {
    const row = page.locator('[data-testid="pod-row"]').first();
    const name = await row.getAttribute('data-pod');
    await row.locator('[data-testid="action-delete-pod"]').click();
    await confirm();
    await waitFor('the pod to leave the screen', async () => (await page.locator(`[data-testid="pod-tile"][data-pod="${name}"]`).count()) === 0, 30_000);
    await waitFor('4 ready pods again', async () => (await readyTiles().count()) === 4, 30_000);
  });

  it('calls /inemuri on a pod and shows that the pod did not answer (pods run no process here)', async () => {
    const row = page.locator('[data-testid="pod-row"]').first();
    await row.locator('[data-testid="action-endpoint-inemuri"]').click();
    const confirmButton = page.locator('[data-testid="confirm-yes"]');
    if (await confirmButton.isVisible()) await confirmButton.click();
    const answer = page.locator('[data-testid="endpoint-answer"]').first();
    await answer.waitFor({ timeout: 20_000 });
    assert.match(await answer.innerText(), /did not answer/i);
    await fullPageScreenshot(page, 'actions-endpoint.png');
  });
});

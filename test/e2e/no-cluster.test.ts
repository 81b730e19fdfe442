// No cluster: a missing kubeconfig, or one whose API server does not answer, gives a page that says
// what was tried and what failed (and keeps retrying), a 503 from the API routes, never a blank page.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { waitFor } from '../helpers/cluster';
import { SCREENSHOTS, freePort, launchBrowser, startPodium, type Podium } from '../helpers/podium';

describe('without a cluster', () => {
  let browser: Browser;
  const servers: Podium[] = [];
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    for (const s of servers) await s.stop();
  });

  it('says which kubeconfig is missing', async () => {
    const podium = await startPodium({ KUBECONFIG: '/nonexistent/podium/kubeconfig' });
    servers.push(podium);
    const res = await fetch(`${podium.url}/api/namespaces`);
    assert.equal(res.status, 503);
    const body = (await res.json()) as { error: { message: string } };
    assert.match(body.error.message, /no kubeconfig file at \/nonexistent\/podium\/kubeconfig/);

    const page = await browser.newPage();
    await page.goto(podium.url);
    const problem = page.locator('[data-testid="cluster-problem"]');
    await problem.waitFor({ timeout: 20_000 });
    assert.match(await problem.innerText(), /\/nonexistent\/podium\/kubeconfig/);
    assert.match(await problem.innerText(), /Retrying in \d s/);
    await page.screenshot({ path: join(SCREENSHOTS, 'no-cluster.png') });
  });

  it('says the API server refused, and the live view shows "API unreachable"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'podium-kc-'));
    const kc = join(dir, 'kubeconfig');
    // A free loopback port: nothing listens there, the connection is refused at once.
    const port = await freePort();
    writeFileSync(
      kc,
      `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]
users: [{name: u, user: {token: not-a-real-token}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`,
    );
    const podium = await startPodium({ KUBECONFIG: kc });
    servers.push(podium);
    const page = await browser.newPage();
    await page.goto(podium.url);
    const problem = page.locator('[data-testid="cluster-problem"]');
    await problem.waitFor({ timeout: 20_000 });
    assert.match(await problem.innerText(), /refused the connection/);

    await page.goto(`${podium.url}/ns/default`);
    const indicator = page.locator('[data-testid="connection-indicator"]');
    await waitFor(
      'API unreachable',
      async () => (await indicator.getAttribute('data-state')) === 'unreachable',
      20_000,
    );
    assert.match(await page.locator('[data-testid="connection-problem"]').innerText(), /refused/);
  });
});

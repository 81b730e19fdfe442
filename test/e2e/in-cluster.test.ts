// Podium installed in the cluster with its chart, used from Chromium through `kubectl port-forward`
// (issue 11): the demo Deployment live, unlocked with the action token and scaled from the page;
// two replicas, one deleted under a working browser session (its stream reconnects to the other
// replica and resyncs; an action carries the cookies the first replica issued and succeeds on the
// second); a read-only install with no action and a 403 ReadOnly for a POST.
// `kubectl port-forward svc/podium` pins one pod, and this machine cannot reach a ClusterIP, so the
// replica test puts a switchable relay on 127.0.0.1 (one origin, so the browser keeps its cookies)
// in front of a port-forward to each pod, and moves it from the first pod to the second.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page, Response as PwResponse } from 'playwright-core';
import { apply, ensureCluster, kubectl, kubectlJson, waitFor, waitForServiceAccount } from '../helpers/cluster';
import {
  RELEASE,
  dropNamespace,
  installPodium,
  podiumImage,
  podiumPods,
  portForward,
  switchableRelay,
  waitPodiumReady,
  type PortForward,
  type Relay,
} from '../helpers/in-cluster';
import { READY_TILE, launchBrowser, screenState, fullPageScreenshot } from '../helpers/podium';
import { NO_REAL_NODE, demoDeployment, expectRealNode, isReady, podsOf } from '../helpers/real-node';

const id = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
const NS = `h-incluster-e2e-${id}`;
const DEMO = `h-incluster-e2e-demo-${id}`;
const TOKEN = 'e2e-in-cluster-token-0123456789';
const realNode = await expectRealNode();

const readyPods = async () => (await podsOf(DEMO, 'app=web')).filter(isReady).length;

describe('Podium in the cluster, in the browser', { skip: realNode ? false : NO_REAL_NODE, timeout: 25 * 60_000 }, () => {
  let browser: Browser;
  const forwards: PortForward[] = [];
  let relay: Relay | undefined;

  before(async () => {
    ensureCluster();
    for (const n of [NS, DEMO]) await kubectl(['create', 'namespace', n]);
    await waitForServiceAccount(DEMO);
    await apply(DEMO, demoDeployment('web', { replicas: 1 }));
    await podiumImage();
    await installPodium(NS, { namespaces: [DEMO], replicas: 2, actionToken: TOKEN });
    await waitFor('1 ready web pod', async () => (await readyPods()) === 1, 90_000);
    browser = await launchBrowser();
  });

  /** A page with generous timeouts: the two shared cores are often saturated by other work. */
  async function newPage(context?: BrowserContext): Promise<Page> {
    const page = await (context ?? browser).newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(90_000);
    return page;
  }

  after(async () => {
    await browser?.close();
    await relay?.close();
    for (const f of forwards) await f.stop();
    await dropNamespace(NS);
    await dropNamespace(DEMO);
  });

  const readyTiles = (page: Page) => page.locator(READY_TILE);
  const tiles = (page: Page) => page.locator('[data-testid="pod-tile"]');

  /** Actions start locked behind the token: enter it in the unlock form. */
  async function unlock(page: Page) {
    await page.locator('[data-testid="unlock-form"]').waitFor({ timeout: 60_000 });
    assert.equal(await page.locator('[data-testid="action-lock"]').count(), 0, 'locked before the token');
    await page.locator('[data-testid="unlock-token"]').fill(TOKEN);
    await page.locator('[data-testid="unlock-submit"]').click();
    // unlocked: the form gives way to "Lock actions"
    await page.locator('[data-testid="action-lock"]').waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('[data-testid="unlock-form"]').count(), 0);
  }

  async function scaleTo(page: Page, n: number) {
    await page.locator('[data-testid="scale-input"]').fill(String(n));
    await page.locator('[data-testid="action-scale"]').click();
  }

  it('through port-forward svc/podium: the demo Deployment live; unlocked with the token, scaled from the page', async () => {
    const svc = await portForward(NS, `svc/${RELEASE}`);
    forwards.push(svc);
    const page = await newPage();
    await page.goto(`${svc.url}/ns/${DEMO}/deployments/web`);
    await waitFor('the demo pod on screen, ready', async () => (await readyTiles(page).count()) === 1, 60_000);
    try {
      await unlock(page);
    } catch (err) {
      await fullPageScreenshot(page, 'in-cluster-unlock-failed.png');
      const why = `port-forward restarted ${svc.restarts()} times:\n${svc.output().slice(-1500)}`;
      throw new Error(`${(err as Error).message}\n${why}`);
    }
    await scaleTo(page, 2);
    await waitFor('2 ready pods on screen', async () => (await readyTiles(page).count()) === 2, 90_000);
    assert.equal(await readyPods(), 2);
    await fullPageScreenshot(page, 'in-cluster-scaled.png');
    await page.close();
  });

  it('two replicas: the session survives deleting its replica; the stream resyncs from the other; its cookies act there', async () => {
    const [a, b] = await podiumPods(NS);
    assert.ok(a && b, 'two Podium pods');
    const toA = await portForward(NS, `pod/${a.metadata.name}`, 3000);
    const toB = await portForward(NS, `pod/${b.metadata.name}`, 3000);
    forwards.push(toA, toB);
    relay = await switchableRelay(toA.port);

    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await newPage(context);
    const answers: { url: string; status: number; at: number }[] = [];
    page.on('response', (r: PwResponse) => {
      if (r.url().includes('/api/')) answers.push({ url: new URL(r.url()).pathname, status: r.status(), at: Date.now() });
    });
    await page.goto(`${relay.url}/ns/${DEMO}/deployments/web`);
    const before = await readyPods();
    await waitFor(`${before} ready pods on screen (served by replica A)`, async () => (await readyTiles(page).count()) === before, 60_000);
    await unlock(page);
    const cookiesFromA = Object.fromEntries((await context.cookies()).map((c) => [c.name, c.value]));
    assert.ok(cookiesFromA.podium_csrf && cookiesFromA.podium_action, 'replica A issued both cookies');
    const servedByA = relay.counts.get(toA.port) ?? 0;

    // Replica A goes away while the browser is cut off; the Deployment changes meanwhile.
    relay.pause();
    relay.cut();
    await kubectl(['-n', NS, 'delete', 'pod', a.metadata.name, '--wait=false']);
    await kubectl(['-n', DEMO, 'scale', 'deployment', 'web', '--replicas=3']);
    await waitFor('3 ready web pods (kubectl)', async () => (await readyPods()) === 3, 90_000);
    await waitFor(
      `Podium pod ${a.metadata.name} gone`,
      async () => (await kubectl(['-n', NS, 'get', 'pod', a.metadata.name, '--ignore-not-found', '-o', 'name'])).trim() === '',
      90_000,
      1_000,
    );
    relay.to(toB.port);
    const switchedAt = Date.now();

    // Only a snapshot on reconnect can bring the change made while the stream was down.
    try {
      await waitFor(
        '3 ready pods on screen, from replica B',
        async () => (await readyTiles(page).count()) === 3 || (await screenState(page)),
        60_000,
      );
    } catch (err) {
      await fullPageScreenshot(page, 'in-cluster-replica-b-no-resync.png');
      const since = answers.filter((r) => r.at >= switchedAt).slice(-20);
      const podiums = await kubectl(['-n', NS, 'get', 'pods', '-o', 'wide']).catch((e: Error) => e.message);
      throw new Error(
        `${(err as Error).message}\nconnections to B: ${relay.counts.get(toB.port) ?? 0}; port-forward to B restarted ` +
          `${toB.restarts()} times:\n${toB.output().slice(-800)}\nanswers after the switch: ${JSON.stringify(since)}\n${podiums}`,
      );
    }
    await fullPageScreenshot(page, 'in-cluster-replica-b-resynced.png');

    await scaleTo(page, 2);
    try {
      await waitFor('2 pods on screen', async () => (await tiles(page).count()) === 2 && (await readyTiles(page).count()) === 2, 90_000);
    } catch (err) {
      await fullPageScreenshot(page, 'in-cluster-replica-b-failed.png');
      throw new Error(`${(err as Error).message}\nanswers after the switch: ${JSON.stringify(answers.filter((r) => r.at >= switchedAt))}`);
    }
    assert.equal(await readyPods(), 2);
    const scales = answers.filter((r) => r.at >= switchedAt && r.url.endsWith('/deployments/web/scale'));
    assert.deepEqual(scales.map((r) => r.status), [200], 'the first try succeeds: no BadCsrf retry, no Locked');
    const cookiesNow = Object.fromEntries((await context.cookies()).map((c) => [c.name, c.value]));
    assert.equal(cookiesNow.podium_csrf, cookiesFromA.podium_csrf, 'replica B kept the CSRF token replica A minted');
    assert.equal(cookiesNow.podium_action, cookiesFromA.podium_action);
    assert.ok((relay.counts.get(toB.port) ?? 0) > 0 && servedByA > 0, `connections: A ${servedByA}, B ${relay.counts.get(toB.port)}`);
    await fullPageScreenshot(page, 'in-cluster-replica-b-scaled.png');
    await context.close();
  });

  it('read-only install: no action on the page, and a POST is refused with 403 ReadOnly', async () => {
    await installPodium(NS, { namespaces: [DEMO], replicas: 1, readOnly: true });
    await waitPodiumReady(NS, 1);
    const svc = await portForward(NS, `svc/${RELEASE}`);
    forwards.push(svc);
    const page = await newPage();
    const sessionLoaded = page.waitForResponse((r) => r.url().endsWith('/api/session'));
    await page.goto(`${svc.url}/ns/${DEMO}/deployments/web`);
    assert.equal(((await (await sessionLoaded).json()) as { readOnly: boolean }).readOnly, true);
    const n = await readyPods();
    await waitFor(`${n} ready pods on screen`, async () => (await readyTiles(page).count()) === n, 60_000);
    assert.equal(await page.locator('[data-testid^="action-"]').count(), 0, 'no action control');
    assert.equal(await page.locator('[data-testid="unlock-form"]').count(), 0, 'nothing to unlock');
    const answer = await page.evaluate(async (ns) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const res = await fetch(`/api/namespaces/${ns}/deployments/web/scale`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-podium-csrf': session.csrfToken },
        body: JSON.stringify({ replicas: 3 }),
      });
      return { status: res.status, body: (await res.json()) as { error: { reason: string } } };
    }, DEMO);
    assert.equal(answer.status, 403);
    assert.equal(answer.body.error.reason, 'ReadOnly');
    assert.equal((await kubectlJson<{ spec: { replicas: number } }>(['-n', DEMO, 'get', 'deployment', 'web'])).spec.replicas, n);
    await fullPageScreenshot(page, 'in-cluster-read-only.png');
    await page.close();
  });
});

// Test helper: a real Podium server (the production build, `next start`) on a free loopback port,
// and Debian's Chromium driven by playwright-core. Browser tests and benchmarks import this.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { KUBECONFIG, ROOT } from './cluster';

export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/**
 * The whole page as a user sees it scrolling down: the blocks the browser skips while they are far
 * from the viewport (content-visibility: auto, components/ui/skip-offscreen.tsx) are drawn for it.
 */
export async function fullPageScreenshot(page: Page, file: string, dir = SCREENSHOTS): Promise<void> {
  const drawAll = await page.addStyleTag({ content: '*{content-visibility:visible!important}' });
  try {
    await page.screenshot({ path: join(dir, file), fullPage: true });
  } finally {
    await drawAll.evaluate((e) => (e as Element).remove()).catch(() => undefined);
  }
}

/** A pod tile that shows a ready pod, not one on its way out. */
export const READY_TILE = '[data-testid="pod-tile"][data-ready="true"]:not([data-status="Terminating"])';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface Podium {
  url: string;
  pid: number;
  logs: () => string;
  stop: () => Promise<void>;
}

/** Starts `next start` (run `npm run build` first) against the local cluster unless env says otherwise. */
export async function startPodium(env: Record<string, string> = {}): Promise<Podium> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-H', '127.0.0.1', '-p', String(port)],
    {
      cwd: ROOT,
      env: { ...process.env, KUBECONFIG, PODIUM_WATCH_LINGER_MS: '2000', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr?.on('data', (d) => (out = (out + d).slice(-20_000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`podium exited (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${url}/api/namespaces`);
      if (res.status < 500 || res.status === 503) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`podium did not start in 60 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid ?? 0,
    logs: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Chromium from Debian (no browser downloads here), with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * What a page shows of its pods and its stream, for a wait's diagnostic: pod tiles, how many of them
 * are ready, and the connection indicator's state with its tooltip (the server's own words).
 */
export async function screenState(page: Page): Promise<string> {
  const tiles = await page.locator('[data-testid="pod-tile"]').count();
  const ready = await page.locator(READY_TILE).count();
  const indicator = page.locator('[data-testid="connection-indicator"]').first();
  const state = await indicator.getAttribute('data-state', { timeout: 1_000 }).catch(() => 'no indicator');
  const title = await indicator.getAttribute('title', { timeout: 1_000 }).catch(() => '');
  return `${tiles} pod tiles (${ready} ready), connection ${state}${title ? ` (${title})` : ''}`;
}

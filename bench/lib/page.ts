// What the benchmarks read from a real browser page (Debian's Chromium through playwright-core).
// The in-page scripts are strings, not functions: tsx would wrap named inner functions in a helper
// the page lacks.
import { readdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cpuSecondsOf } from './server';

export interface Viewer {
  context: BrowserContext;
  page: Page;
}

/**
 * `count` pages: each in its own browser context (separate profiles, like separate people), or
 * all in one context (one profile: tabs of one browser, sharing its connections and its workers).
 */
export async function openViewers(browser: Browser, count: number, shared: boolean): Promise<Viewer[]> {
  const viewport = { width: 1280, height: 720 };
  if (shared) {
    const context = await browser.newContext({ viewport });
    return Promise.all(
      Array.from({ length: count }, async () => ({ context, page: await context.newPage() })),
    );
  }
  return Promise.all(
    Array.from({ length: count }, async () => {
      const context = await browser.newContext({ viewport });
      return { context, page: await context.newPage() };
    }),
  );
}

export async function closeViewers(viewers: Viewer[]): Promise<void> {
  await Promise.all([...new Set(viewers.map((v) => v.context))].map((c) => c.close().catch(() => undefined)));
}

/**
 * Navigates every viewer to `url` and waits (bounded, all at once) for `selector`; returns the
 * viewers that showed it. A tab that never does (say, the 7th stream of one profile over HTTP/1.1)
 * is left out of the latency figures and counted by the caller.
 */
export async function loadAll(
  viewers: Viewer[],
  url: string,
  selector: string,
  timeoutMs: number,
): Promise<Viewer[]> {
  const ok = await Promise.all(
    viewers.map(async (v) => {
      try {
        await v.page.goto(url, { timeout: timeoutMs });
        await v.page.waitForSelector(selector, { timeout: timeoutMs });
        return true;
      } catch {
        return false;
      }
    }),
  );
  return viewers.filter((_, i) => ok[i]);
}

/** Records, in the page, when each value of the marker Deployment's desired replicas first shows. */
export const WATCH_MARKER = `(() => {
  window.__seen = {};
  const check = () => {
    const el = document.querySelector('[data-deployment="marker"][data-desired]');
    const v = el && el.getAttribute('data-desired');
    if (v && !(v in window.__seen)) window.__seen[v] = Date.now();
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  check();
})()`;

/** Counts the connection indicator leaving "live" (the page's own word for a reconnect). */
export const WATCH_RECONNECTS = `(() => {
  window.__reconnects = 0;
  let last = 'live';
  const check = () => {
    const s = document.querySelector('[data-testid="connection-indicator"]')?.getAttribute('data-state');
    if (s && s !== last) { if (last === 'live') window.__reconnects++; last = s; }
  };
  new MutationObserver(check).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
})()`;

/**
 * The main thread from now on: long tasks (PerformanceObserver 'longtask', > 50 ms by definition)
 * and frames (requestAnimationFrame: a frame is dropped when the gap spans more than one 60 Hz slot).
 */
export const WATCH_MAIN_THREAD = `(() => {
  const m = (window.__main = { start: performance.now(), long: [], frames: 0, dropped: 0, worstGap: 0 });
  new PerformanceObserver((list) => { for (const e of list.getEntries()) m.long.push(e.duration); }).observe({ type: 'longtask' });
  let prev = performance.now();
  const frame = (t) => {
    const gap = t - prev; prev = t; m.frames++;
    if (gap > m.worstGap) m.worstGap = gap;
    const slots = Math.round(gap / (1000 / 60));
    if (slots > 1) m.dropped += slots - 1;
    if (!m.stopped) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

export interface MainThread {
  elapsedMs: number;
  long: number[];
  frames: number;
  dropped: number;
  worstGap: number;
}

export async function readMainThread(page: Page): Promise<MainThread> {
  return (await page.evaluate(`(() => {
    const m = window.__main; m.stopped = true;
    return { elapsedMs: performance.now() - m.start, long: m.long, frames: m.frames, dropped: m.dropped, worstGap: m.worstGap };
  })()`)) as MainThread;
}

/** The JS heap of the page's main world now (CDP Runtime.getHeapUsage), in MB. */
/** The page's JS heap in MB: as it is (garbage included), and what a full GC leaves (what it keeps). */
export async function heapMb(page: Page): Promise<{ used: number; kept: number }> {
  const cdp = await page.context().newCDPSession(page);
  const read = async () => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
  const used = await read();
  await cdp.send('HeapProfiler.collectGarbage');
  const kept = await read();
  await cdp.detach();
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
  return { used: mb(used), kept: mb(kept) };
}

export interface ShownPods {
  /** the pod names rendered now (tiles and rows: a virtualised list renders only what is in view) */
  names: string[];
  /** "N ready of M" of the Pods card: M, the pods the page holds */
  total: number | null;
}

export async function shownPods(page: Page): Promise<ShownPods> {
  return (await page.evaluate(`(() => {
    const names = [...new Set([...document.querySelectorAll('[data-pod]')].map((e) => e.getAttribute('data-pod')))];
    // "1,000 ready of 10,000": the counts are written with thousands separators
    const m = /([\\d,]+) ready of ([\\d,]+)/.exec(document.body.innerText);
    return { names, total: m ? Number(m[2].replaceAll(',', '')) : null };
  })()`)) as ShownPods;
}

/** CPU seconds (user + system) used so far by every Chromium process of this machine, from /proc. */
export function browserCpuSeconds(): number {
  let seconds = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      // Debian's /usr/bin/chromium is a script that runs /usr/lib/chromium/chromium
      const argv0 = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
      if (!/chrom(e|ium)[^/]*$/.test(argv0)) continue;
      seconds += cpuSecondsOf(pid);
    } catch {
      // exited meanwhile
    }
  }
  return seconds;
}

/** CPU seconds (user, nice, system, irq, softirq, steal) the whole machine has used so far, from /proc/stat. */
export function machineCpuSeconds(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = cpu;
  return (user + nice + system + irq + softirq + steal) / 100; // USER_HZ
}

/**
 * Waits until the browser is idle: at most `cores` of CPU over the last `spanMs` (bounded by
 * `timeoutMs`). Freshly opened tabs load their code, hydrate and draw their charts for seconds,
 * twenty of them for half a minute on two cores; a change measured meanwhile measures the loading.
 * Returns the seconds waited and the browser's CPU (in cores) over the last span.
 */
export const waitBrowserIdle = (cores: number, spanMs = 3_000, timeoutMs = 120_000) =>
  waitCpuBelow(browserCpuSeconds, cores, spanMs, timeoutMs);

/**
 * Waits until the whole machine is quiet: a run started right after another begins while the
 * cluster still deletes the last run's namespace (a thousand pods: the API server, etcd and the
 * controllers), and measures that too.
 */
export const waitMachineQuiet = (cores: number, spanMs = 3_000, timeoutMs = 180_000) =>
  waitCpuBelow(machineCpuSeconds, cores, spanMs, timeoutMs);

async function waitCpuBelow(
  read: () => number,
  cores: number,
  spanMs: number,
  timeoutMs: number,
): Promise<{ seconds: number; cores: number }> {
  const t0 = Date.now();
  const samples: { at: number; cpu: number }[] = [{ at: t0, cpu: read() }];
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const now = { at: Date.now(), cpu: read() };
    samples.push(now);
    const from = samples.find((s) => s.at >= now.at - spanMs) ?? samples[0]!;
    const used =
      now.at - from.at >= spanMs - 600 ? (now.cpu - from.cpu) / ((now.at - from.at) / 1000) : Infinity;
    if (used <= cores || now.at - t0 >= timeoutMs)
      return { seconds: (now.at - t0) / 1000, cores: Number.isFinite(used) ? used : NaN };
  }
}

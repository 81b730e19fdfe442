// First-load JavaScript of the deployment page, measured in the browser: a fresh profile navigates
// to it, and every script the page loads until it has live data and the network is quiet for 2 s is
// summed (CDP Network: encodedDataLength is what came over the wire, gzip from `next start`). The
// build's own list of the route's first-load chunks is summed too (gzip level 6, as served).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../test/helpers/cluster';
import { deploymentUrl, HEADER, sleep, type BenchContext } from './lib/context';
import { kb, ms, note, percentile, record } from './lib/report';
import { distDir } from './lib/server';

export const BUDGET = 250 * 1024;
const ROUTE = '/ns/[namespace]/deployments/[name]';

interface Script {
  url: string;
  encoded: number;
  decoded: number;
  encoding: string;
}

const FIRST_DATA = `(() => {
  const t = setInterval(() => {
    if (!window.__firstData && document.querySelector('[data-testid="deployment-header"]')) window.__firstData = performance.now();
    if (!window.__firstPod && document.querySelector('[data-pod]')) window.__firstPod = performance.now();
    if (window.__firstData && window.__firstPod) clearInterval(t);
  }, 10);
})()`;

type Viewport = { width: number; height: number };
const LAPTOP: Viewport = { width: 1280, height: 720 };
const DESKTOP: Viewport = { width: 1920, height: 1080 };

async function navigate(
  c: BenchContext,
  viewport: Viewport,
): Promise<{ scripts: Script[]; firstData: number; firstPod: number }> {
  const context = await c.browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const seen = new Map<string, Script>();
    let last = Date.now();
    cdp.on('Network.responseReceived', (e) => {
      if (e.type !== 'Script') return;
      const h = e.response.headers as Record<string, string>;
      seen.set(e.requestId, {
        url: e.response.url,
        encoded: 0,
        decoded: 0,
        encoding: h['content-encoding'] ?? h['Content-Encoding'] ?? 'none',
      });
      last = Date.now();
    });
    cdp.on('Network.dataReceived', (e) => {
      const s = seen.get(e.requestId);
      if (s) s.decoded += e.dataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const s = seen.get(e.requestId);
      if (s) s.encoded = e.encodedDataLength;
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.addInitScript(FIRST_DATA);
    await page.goto(deploymentUrl(c, 'web'));
    await page.waitForSelector(HEADER, { timeout: 60_000 });
    const t0 = Date.now();
    while (Date.now() - t0 < 20_000 && Date.now() - last < 2_000) await sleep(200);
    await sleep(2_000);
    const firstData = (await page.evaluate('window.__firstData')) as number;
    const firstPod = (await page.evaluate('window.__firstPod ?? NaN')) as number;
    return { scripts: [...seen.values()], firstData, firstPod };
  } finally {
    await context.close();
  }
}

/** The route's first-load chunks as the build lists them (Next's diagnostics/route-bundle-stats.json). */
function fromBuild(): { raw: number; gzip: number; chunks: number } | null {
  const file = join(distDir(), 'diagnostics', 'route-bundle-stats.json');
  if (!existsSync(file)) return null;
  const stats = JSON.parse(readFileSync(file, 'utf8')) as { route: string; firstLoadChunkPaths: string[] }[];
  const route = stats.find((s) => s.route === ROUTE);
  if (!route) return null;
  let raw = 0;
  let gzip = 0;
  for (const p of route.firstLoadChunkPaths) {
    const buf = readFileSync(join(ROOT, p));
    raw += buf.length;
    gzip += gzipSync(buf, { level: 6 }).length;
  }
  return { raw, gzip, chunks: route.firstLoadChunkPaths.length };
}

export async function firstLoadBench(c: BenchContext): Promise<void> {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await navigate(c, LAPTOP));
  const [first] = runs;
  if (!first) return;
  const total = (scripts: Script[], viewport: Viewport, target: boolean) => {
    const encoded = scripts.reduce((a, s) => a + s.encoded, 0);
    const decoded = scripts.reduce((a, s) => a + s.decoded, 0);
    const encodings = [...new Set(scripts.map((s) => s.encoding))].join(', ');
    record(
      'first-load',
      `deployment page at ${viewport.width}×${viewport.height}, scripts loaded on first navigation (browser, on the wire)`,
      `${kb(encoded)} (${kb(decoded)} decoded, ${scripts.length} scripts, ${encodings})`,
      target ? `< ${kb(BUDGET)} gzip` : '— (charts in view: recharts loads)',
      target ? encoded < BUDGET : null,
    );
  };
  total(first.scripts, LAPTOP, true);
  total((await navigate(c, DESKTOP)).scripts, DESKTOP, false);
  const build = fromBuild();
  if (build)
    record(
      'first-load',
      "deployment page, the build's first-load chunks (gzip -6)",
      `${kb(build.gzip)} (${kb(build.raw)} raw, ${build.chunks} chunks)`,
      `< ${kb(BUDGET)} gzip`,
      build.gzip < BUDGET,
    );
  const data = runs.map((r) => r.firstData);
  record(
    'first-load',
    'time to first live data (navigation → deployment header), median of 3',
    `${ms(percentile(data, 50))} (runs: ${data.map(ms).join(', ')})`,
  );
  record(
    'first-load',
    'time to the first pod tile, median of 3',
    ms(
      percentile(
        runs.map((r) => r.firstPod),
        50,
      ),
    ),
  );
  const top = [...first.scripts].sort((a, b) => b.encoded - a.encoded).slice(0, 6);
  for (const s of top)
    note(
      'first-load',
      `  ${kb(s.encoded).padStart(9)}  ${kb(s.decoded).padStart(9)}  ${s.url.replace(c.podium.url, '')}`,
    );
}

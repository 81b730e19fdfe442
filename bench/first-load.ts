// First-load JavaScript of the deployment page, measured in the browser at three screen sizes. A
// fresh profile navigates to the page and waits until it shows live data and the network is quiet
// for 2 s; every script the page loaded is summed (CDP Network: encodedDataLength is what came over
// the wire, gzip from `next start`). "First load" is what the page asked for BEFORE it showed its
// first live data (the deployment header and a pod tile in the DOM): each script's request start
// (Resource Timing, the page's clock) against that moment. What it asked for after (the chart
// library, once the charts are in view and the first data has painted) is printed beside it, with
// when the first chart was drawn. A script the page's Resource Timing does not list (a worker's)
// counts as first load. The build's own list of the route's first-load chunks is summed too.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../test/helpers/cluster';
import { dataShownAt, FIRST_DATA_MARKS, readMarks } from '../test/helpers/first-data-marks';
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
  /** request start on the page's clock (ms since navigation); undefined when not in Resource Timing */
  start?: number;
}

type Viewport = { width: number; height: number };
export const SIZES: readonly Viewport[] = [
  { width: 1280, height: 720 },
  { width: 1440, height: 1000 },
  { width: 1920, height: 1080 },
];

interface Navigation {
  scripts: Script[];
  firstData: number;
  firstPod: number;
  firstChart: number;
}

async function navigate(c: BenchContext, viewport: Viewport): Promise<Navigation> {
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
    await page.addInitScript(FIRST_DATA_MARKS);
    await page.goto(deploymentUrl(c, 'web'));
    await page.waitForSelector(HEADER, { timeout: 60_000 });
    const t0 = Date.now();
    while (Date.now() - t0 < 20_000 && Date.now() - last < 2_000) await sleep(200);
    await sleep(2_000);
    const marks = await readMarks(page);
    const starts = new Map(marks.starts.map(([url, start]) => [url, start]));
    const scripts = [...seen.values()].map((s) => ({ ...s, start: starts.get(s.url) }));
    return { scripts, firstData: marks.firstData, firstPod: marks.firstPod, firstChart: marks.firstChart };
  } finally {
    await context.close();
  }
}

/** Scripts asked for before the first live data (first load), and after it. */
function split(n: Navigation): { before: Script[]; after: Script[] } {
  const at = dataShownAt(n);
  const before = n.scripts.filter((s) => s.start === undefined || !(s.start >= at));
  return { before, after: n.scripts.filter((s) => !before.includes(s)) };
}

const sum = (scripts: readonly Script[], k: 'encoded' | 'decoded') => scripts.reduce((a, s) => a + s[k], 0);

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
  const runs: Navigation[] = [];
  for (const viewport of SIZES) {
    const n = await navigate(c, viewport);
    runs.push(n);
    const { before, after } = split(n);
    const size = `${viewport.width}×${viewport.height}`;
    const encodings = [...new Set(n.scripts.map((s) => s.encoding))].join(', ');
    record(
      'first-load',
      `deployment page at ${size}: JS asked for before the first live data (browser, on the wire)`,
      `${kb(sum(before, 'encoded'))} (${kb(sum(before, 'decoded'))} decoded, ${before.length} scripts, ${encodings})`,
      `< ${kb(BUDGET)} gzip`,
      sum(before, 'encoded') < BUDGET,
    );
    const requested = after.flatMap((s) => (s.start === undefined ? [] : [s.start]));
    record(
      'first-load',
      `  at ${size}: after it (charts), and the whole page until the network is quiet`,
      after.length
        ? `+${kb(sum(after, 'encoded'))} in ${after.length} scripts asked for ${ms(Math.min(...requested) - dataShownAt(n))} after the first live data; first chart drawn ${ms(n.firstChart - dataShownAt(n))} after it; ${kb(sum(n.scripts, 'encoded'))} in all`
        : `nothing (no chart in view); ${kb(sum(n.scripts, 'encoded'))} in all`,
    );
  }
  const build = fromBuild();
  if (build)
    record(
      'first-load',
      "deployment page, the build's first-load chunks (gzip -6)",
      `${kb(build.gzip)} (${kb(build.raw)} raw, ${build.chunks} chunks)`,
      `< ${kb(BUDGET)} gzip`,
      build.gzip < BUDGET,
    );
  for (let i = 0; i < 2; i++) runs.push(await navigate(c, SIZES[0]!));
  const small = [runs[0]!, ...runs.slice(SIZES.length)];
  const data = small.map((r) => r.firstData);
  record(
    'first-load',
    `time to first live data (navigation → deployment header) at ${SIZES[0]!.width}×${SIZES[0]!.height}, median of 3`,
    `${ms(percentile(data, 50))} (runs: ${data.map(ms).join(', ')})`,
  );
  record(
    'first-load',
    'time to the first pod tile, median of 3',
    ms(
      percentile(
        small.map((r) => r.firstPod),
        50,
      ),
    ),
  );
  const [widest] = runs.slice(SIZES.length - 1, SIZES.length);
  if (!widest) return;
  note(
    'first-load',
    `largest scripts at ${SIZES.at(-1)!.width}×${SIZES.at(-1)!.height} (gzip, decoded, asked for relative to the first live data):`,
  );
  const top = [...widest.scripts].sort((a, b) => b.encoded - a.encoded).slice(0, 8);
  for (const s of top)
    note(
      'first-load',
      `  ${kb(s.encoded).padStart(9)}  ${kb(s.decoded).padStart(9)}  ${(s.start === undefined ? '—' : ms(s.start - dataShownAt(widest))).padStart(8)}  ${s.url.replace(c.podium.url, '')}`,
    );
}

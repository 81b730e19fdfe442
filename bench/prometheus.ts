// A 1-hour chart from Prometheus (issue 19): how long the built-in Prometheus takes to answer the
// range queries behind it, and how soon the deployment page paints its CPU chart in Chromium with
// PODIUM_PROMETHEUS_URL set (the last hour at once) and without (a fresh Podium collects its own
// metrics-server samples first). Prints numbers, asserts nothing.
//
//   KUBECONFIG=.cluster/kubeconfig node --import tsx --conditions=react-server bench/prometheus.ts \
//     --namespace <ns> --deployment <name> [--runs 10] [--no-browser]
//
// The Deployment should run on the real node with prometheus.io/* (a demo story). Every request
// goes to 127.0.0.1 (Prometheus, Podium, the API server); every loop is bounded.
import { parseArgs } from 'node:util';
import { prometheusAppMetrics } from '../lib/k8s/prometheus/app-metrics';
import { queryRange, rangeWindow } from '../lib/k8s/prometheus/queries';
import { prometheusUsageHistory } from '../lib/k8s/prometheus/usage';
import { usageQuery } from '../lib/models/prometheus/promql';
import { launchBrowser, startPodium } from '../test/helpers/podium';
import { ms, percentile, record } from './lib/report';
import { ensureBuild } from './lib/server';

const { values } = parseArgs({
  options: {
    namespace: { type: 'string' },
    deployment: { type: 'string' },
    runs: { type: 'string', default: '10' },
    'no-browser': { type: 'boolean', default: false },
  },
});
const NS = values.namespace;
const DEP = values.deployment;
if (!NS || !DEP)
  throw new Error('usage: bench/prometheus.ts --namespace <ns> --deployment <name> [--runs 10]');
const RUNS = Math.min(50, Math.max(1, Number(values.runs)));
const HOUR = 3_600_000;
const PROM = process.env.PODIUM_PROMETHEUS_URL ?? 'http://127.0.0.1:16290';
process.env.PODIUM_PROMETHEUS_URL = PROM;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

async function queries() {
  const usage: number[] = [];
  const requests: number[] = [];
  let points = 0;
  let series = 0;
  for (let i = 0; i < RUNS; i++) {
    const [u, uv] = await timed(() => prometheusUsageHistory(NS!, DEP!, HOUR));
    const [r, rv] = await timed(() => prometheusAppMetrics(NS!, DEP!, 'requests', HOUR));
    if (!uv.ok) throw new Error(uv.note);
    if (!rv.ok) throw new Error(rv.note);
    usage.push(u);
    requests.push(r);
    points = uv.points.length;
    series = rv.result.series.length;
  }
  const w = rangeWindow(HOUR);
  const [raw, cpu] = await timed(() => queryRange(new URL(PROM), usageQuery('cpu', NS!, DEP!, w.step), w));
  const p = (xs: number[], q: number) => ms(percentile(xs, q));
  record(
    'prometheus',
    `CPU+memory, 1 h (2 range queries, ${points} points), p50 / max of ${RUNS}`,
    `${p(usage, 50)} / ${p(usage, 100)}`,
  );
  record(
    'prometheus',
    `request rate per pod, 1 h (${series} series + metric names), p50 / max`,
    `${p(requests, 50)} / ${p(requests, 100)}`,
  );
  record(
    'prometheus',
    `one range query alone (${cpu.ok ? cpu.data.length : 0} series, step ${w.step} s)`,
    ms(raw),
  );
}

/** From navigation to the CPU chart's first line in the page, scrolled into view like a reader would. */
async function firstPaint(withPrometheus: boolean): Promise<number> {
  const podium = await startPodium(
    withPrometheus ? { PODIUM_PROMETHEUS_URL: PROM } : { PODIUM_PROMETHEUS_URL: '' },
  );
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const t0 = Date.now();
    await page.goto(`${podium.url}/ns/${NS}/deployments/${DEP}`);
    await page.getByRole('heading', { name: 'CPU per pod' }).scrollIntoViewIfNeeded({ timeout: 60_000 });
    await page.waitForSelector('[data-testid="usage-chart-cpu"] .recharts-line-curve', { timeout: 120_000 });
    return Date.now() - t0;
  } finally {
    await browser.close();
    await podium.stop();
  }
}

await queries();
if (!values['no-browser']) {
  ensureBuild(false);
  record(
    'prometheus',
    'page → CPU chart painted, from Prometheus (fresh Podium)',
    ms(await firstPaint(true)),
  );
  record(
    'prometheus',
    'page → CPU chart painted, in-memory samples (fresh Podium)',
    ms(await firstPaint(false)),
  );
}

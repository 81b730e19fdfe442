// Application metrics read directly from the pods on the real node (issue 19): the app-metrics
// route called in-process, scraping through the API server's pods/proxy with the kubeconfig's
// credentials. The demo app's own /metrics, and its METRICS_DEBUG endpoints for every bad input:
// one that hangs, one of 50 MB, garbage, 100,000 series; a counter reset after /seppuku.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apply, readyEndpoints, testNamespace } from '../helpers/cluster';
import { READY_WHEN_LISTENING, currentDemoImage, scrapeAnnotations } from '../helpers/demo-image';
import {
  apiGet,
  closeConnections,
  demoDeployment,
  expectRealNode,
  isReady,
  podProxy,
  podsOf,
  requestLoop,
  serviceProxy,
  serviceYaml,
} from '../helpers/real-node';
import { waitFor, waitForValue } from '../helpers/wait';
import { ctx, errorOf, request } from '../unit/actions/helpers';
import type { AppMetricsResult } from '../../lib/models/appmetrics/types';

process.env.PODIUM_SCRAPE_INTERVAL_MS = '1000';
process.env.PODIUM_SCRAPE_TIMEOUT_MS = '2000';

after(closeConnections);
const ns = testNamespace('appmetrics');
const real = await expectRealNode();

type Route = typeof import('../../app/api/namespaces/[namespace]/deployments/[name]/app-metrics/route');
let GET: Route['GET'];

const get = (path: string) =>
  request(path, { method: 'GET', origin: null, csrfHeader: null, csrfCookie: null });
async function read(name: string, query = '', namespace = ns.name): Promise<Response> {
  return GET(
    get(`/api/namespaces/${namespace}/deployments/${name}/app-metrics${query}`),
    ctx({ namespace, name }),
  );
}
async function metrics(name: string, query = ''): Promise<AppMetricsResult> {
  const res = await read(name, query);
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as AppMetricsResult;
}

const scrape = scrapeAnnotations;
const container = READY_WHEN_LISTENING;
const debug = { env: { METRICS_DEBUG: '1' }, container };

describe('application metrics read directly from the pods', { skip: !real }, () => {
  before(async () => {
    await currentDemoImage();
    ({ GET } = await import('../../app/api/namespaces/[namespace]/deployments/[name]/app-metrics/route'));
    (await import('../../lib/k8s/client')).resetCluster();
    await apply(
      ns.name,
      [
        demoDeployment('web', { replicas: 2, container, podAnnotations: scrape('/metrics') }),
        serviceYaml('web', { app: 'web' }),
        demoDeployment('plain', { container }),
        demoDeployment('hang', { ...debug, podAnnotations: scrape('/debug/metrics/hang') }),
        demoDeployment('huge', { ...debug, podAnnotations: scrape('/debug/metrics/huge') }),
        demoDeployment('garbage', { ...debug, podAnnotations: scrape('/debug/metrics/garbage') }),
        demoDeployment('series', { ...debug, podAnnotations: scrape('/debug/metrics/series') }),
      ].join('---\n'),
    );
    await waitFor(
      '7 ready pods',
      async () => {
        const ready = (await podsOf(ns.name, 'app')).filter(isReady).length;
        return ready === 7 || `${ready} ready`;
      },
      180_000,
      1000,
    );
    await waitFor(
      '2 ready endpoints of web',
      async () => (await readyEndpoints(ns.name, 'web')) === 2,
      60_000,
      500,
    );
  });

  it('bad requests: a bad name, key or range is 400, a missing Deployment 404', async () => {
    assert.equal((await read('Not_A_Name')).status, 400);
    assert.equal((await read('web', '?key=rm%20-rf')).status, 400);
    assert.match((await errorOf(await read('web', '?range=7'))).message, /range/);
    assert.equal((await read('web', '?key=up{job="x"}')).status, 400);
    const { GET: split } = await import('../../app/api/namespaces/[namespace]/observed-split/route');
    const splitOf = (q: string) =>
      split(get(`/api/namespaces/${ns.name}/observed-split${q}`), ctx({ namespace: ns.name }));
    assert.equal((await splitOf('')).status, 400);
    assert.equal((await splitOf('?deployments=Bad_Name')).status, 400);
    assert.equal(
      (await splitOf(`?deployments=${Array.from({ length: 11 }, (_, i) => `d${i}`).join(',')}`)).status,
      400,
    );
    assert.equal((await splitOf('?deployments=no-such-app')).status, 404);
    const missing = await read('no-such-app');
    assert.equal(missing.status, 404);
    assert.match((await errorOf(missing)).message, /deployment no-such-app not found/);
  });

  it('a pod that declares nothing is said so', async () => {
    const r = await metrics('plain');
    assert.equal(r.source, 'direct');
    assert.deepEqual(r.series, []);
    assert.match(r.notes.join('\n'), /declares a metrics endpoint/);
  });

  it('request rate per version from the pods own counters, the picker, p95', async () => {
    // the reader scrapes only while someone views the Deployment: view it first, then load it
    await metrics('web');
    const loop = requestLoop(serviceProxy(ns.name, 'web', '/version'), {
      everyMs: 50,
      maxMs: 12_000,
      maxRequests: 200,
    });
    const r = await waitForValue(
      'a request rate from the load',
      async () => {
        const m = await metrics('web', '?key=requests&range=300');
        const top = Math.max(0, ...(m.series[0]?.points ?? []).map(([, v]) => v));
        // the machine may be slow: any rate above the probes' (left out: 0) is the load's
        if (m.series.length === 1 && top > 0.2) return m;
        throw new Error(`${m.series.length} series, top ${top}, notes ${m.notes.join('; ')}`);
      },
      30_000,
      1000,
    );
    assert.ok((await loop).ok > 0);
    assert.equal(r.series[0]?.pod, null);
    assert.equal(r.series[0]?.deployment, 'web');
    assert.match(r.series[0]?.version ?? '', /^[a-z0-9]+$/);
    assert.ok(
      r.metrics.includes('http_requests_total') && r.metrics.includes('http_request_duration_seconds'),
    );
    assert.doesNotMatch(r.notes.join('\n'), /cut|not the Prometheus|series:/);
    const p95 = await metrics('web', '?key=p95');
    const v = p95.series[0]?.points.at(-1)?.[1] ?? -1;
    assert.ok(v > 0 && v <= 5, `p95 ${v}`);
    const picked = await metrics('web', '?key=app_ready');
    assert.equal(picked.series[0]?.points.at(-1)?.[1], 2, 'two pods ready, summed');
  });

  it('a counter reset (the container restarted) is read across, as rate() does', async () => {
    const [pod] = (await podsOf(ns.name, 'app=web')).map((p) => p.metadata.name);
    const loop = requestLoop(podProxy(ns.name, pod!, '/version'), {
      everyMs: 50,
      maxMs: 25_000,
      maxRequests: 400,
    });
    await new Promise((r) => setTimeout(r, 4000));
    await apiGet(podProxy(ns.name, pod!, '/seppuku'));
    await waitFor(
      'the pod restarted and answers',
      async () => (await apiGet(podProxy(ns.name, pod!, '/readyz'), 1000)).status === 200,
      60_000,
      500,
    );
    await new Promise((r) => setTimeout(r, 4000));
    const m = await metrics('web', '?key=requests&range=300');
    await loop;
    const points = m.series.flatMap((s) => s.points);
    assert.ok(points.length > 5);
    assert.ok(
      points.every(([, v]) => v >= 0),
      'never a negative rate',
    );
    assert.ok(Math.max(...points.map(([, v]) => v)) < 100, 'no spike of the whole count either');
  });

  it('an endpoint that hangs times out, with a note', async () => {
    const r = await metrics('hang');
    assert.match(r.notes.join('\n'), /did not answer within 2 s/);
  });

  it('a 50 MB body is cut at the limit, and what came before the cut is read', async () => {
    const r = await metrics('huge', '?key=huge_total');
    assert.match(r.notes.join('\n'), /cut at 4 MiB/);
    assert.ok(r.metrics.includes('huge_total'));
  });

  it('garbage is a note, not a crash', async () => {
    const r = await metrics('garbage');
    assert.match(r.notes.join('\n'), /not the Prometheus text format/);
    assert.deepEqual(r.series, []);
  });

  it('100,000 series are capped, with a note', async () => {
    const r = await metrics('series', '?key=many_series_total');
    assert.match(r.notes.join('\n'), /100,000 series: only the first 2,000 are kept/);
  });
});

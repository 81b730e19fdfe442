// The built-in Prometheus (scripts/cluster/prometheus.sh) against the real node: it scrapes the demo
// pods that carry prometheus.io/*, Podium's Prometheus functions read their request rates per pod
// and version and their CPU/memory history, a Prometheus that is away or answers an error is a
// note (never a throw), and a fresh process (a restarted Podium) still reads the last minutes.
// Every request goes to 127.0.0.1 (Prometheus, the API server); every loop is bounded.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { NextRequest } from 'next/server';
import {
  ROOT,
  apply,
  kubectlJson,
  readyEndpoints,
  testNamespace,
  waitFor,
  waitForValue,
} from '../helpers/cluster';
import {
  apiGet,
  closeConnections,
  demoDeployment,
  isReady,
  podProxy,
  podsOf,
  requestLoop,
  serviceProxy,
  serviceYaml,
} from '../helpers/real-node';
import { PROM, SCRAPED, closedPort } from '../helpers/prometheus';
import { ctx } from '../unit/actions/helpers';
import { prometheusAppMetrics } from '../../lib/k8s/prometheus/app-metrics';
import { queryInstant, queryRange } from '../../lib/k8s/prometheus/queries';
import { prometheusUsageHistory } from '../../lib/k8s/prometheus/usage';
import type { UsageHistoryAnswer } from '../../lib/models/prometheus/wire';
import { GET as usageRoute } from '../../app/api/namespaces/[namespace]/deployments/[name]/usage-history/route';
import { GET as appMetricsRoute } from '../../app/api/namespaces/[namespace]/deployments/[name]/app-metrics/route';
import type { AppMetricsResult } from '../../lib/models/appmetrics/types';

const ns = testNamespace('prom');
const APP = 'web';

async function withPrometheus<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const before = process.env.PODIUM_PROMETHEUS_URL;
  process.env.PODIUM_PROMETHEUS_URL = url;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.PODIUM_PROMETHEUS_URL;
    else process.env.PODIUM_PROMETHEUS_URL = before;
  }
}

/** Both pods' endpoints scraped (up == 1), with their labels; the load is counted only from then on. */
async function bothScraped() {
  return waitForValue(
    'both pods scraped (up == 1)',
    async () => {
      const a = await queryInstant(new URL(PROM), `up{job="kubernetes-pods",namespace="${ns.name}"} == 1`);
      const result = a.ok ? (a.data as { result: { metric: Record<string, string> }[] }).result : [];
      return result.length === 2 ? { result } : null;
    },
    90_000,
    1_000,
  );
}

let hashes: Record<string, string> = {};

before(async () => {
  const ready = await fetch(`${PROM}/-/ready`, { signal: AbortSignal.timeout(3_000) }).catch((e: Error) => e);
  assert.ok(
    !(ready instanceof Error) && ready.ok,
    `the built-in Prometheus does not answer at ${PROM} (bash scripts/cluster/prometheus.sh status; .cluster/logs/prometheus.log)`,
  );
  process.env.PODIUM_PROMETHEUS_URL = PROM;
  await apply(
    ns.name,
    demoDeployment(APP, { replicas: 2, podAnnotations: SCRAPED }) + '---\n' + serviceYaml(APP, { app: APP }),
  );
  await waitFor(
    '2 ready pods',
    async () => (await podsOf(ns.name, `app=${APP}`)).filter(isReady).length === 2,
    120_000,
    500,
  );
  await waitFor('2 ready endpoints', async () => (await readyEndpoints(ns.name, APP)) === 2, 60_000, 500);
  const pods = await kubectlJson<{ items: { metadata: { name: string; labels: Record<string, string> } }[] }>(
    ['-n', ns.name, 'get', 'pods', '-l', `app=${APP}`],
  );
  hashes = Object.fromEntries(
    pods.items.map((p) => [p.metadata.name, p.metadata.labels['pod-template-hash'] ?? '']),
  );
});
after(closeConnections);

describe('the built-in Prometheus', () => {
  it('scrapes the annotated demo pods through pods/proxy, labelled with namespace, pod and pod_template_hash', async () => {
    const up = await bothScraped();
    for (const s of up.result) {
      assert.equal(s.metric.pod_template_hash, hashes[s.metric.pod ?? ''], JSON.stringify(s.metric));
      assert.equal(s.metric.app, APP);
    }
  });

  it('gives the request rate per pod and version after a bounded load through the Service', async () => {
    await bothScraped();
    // One /version request to each pod first: its counter series exists from then on, and a scrape
    // of it before the load is the base rate() and increase() count from (a series that appears
    // mid-load would hide what came before its first scrape).
    for (const pod of Object.keys(hashes))
      assert.equal((await apiGet(podProxy(ns.name, pod, '/version'))).status, 200, pod);
    await new Promise((r) => setTimeout(r, 11_000)); // two scrapes (every 5 s) before the load
    // four loops at once, each bounded in count and time; the API server's proxy sets the pace
    const loops = await Promise.all(
      [0, 1, 2, 3].map(() =>
        requestLoop(serviceProxy(ns.name, APP, '/version'), { everyMs: 25, maxMs: 20_000, maxRequests: 150 }),
      ),
    );
    const ok = loops.reduce((n, l) => n + l.ok, 0);
    assert.ok(ok >= 40, `${ok} requests answered`);
    // Prometheus counted them: the /version requests' increase is the number answered
    let seen = '';
    const counted = await waitForValue(
      'the load counted',
      async () => {
        const a = await queryInstant(
          new URL(PROM),
          `sum(increase(http_requests_total{namespace="${ns.name}",path="/version"}[3m]))`,
        );
        seen = JSON.stringify(a);
        const v = a.ok
          ? Number((a.data as { result: { value: [number, string] }[] }).result[0]?.value[1])
          : 0;
        return v >= 0.9 * ok ? { v } : null;
      },
      60_000,
      2_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}; ${ok} answered, Prometheus: ${seen.slice(0, 300)}`);
    });
    assert.ok(counted.v <= 1.5 * ok, `${counted.v} counted for ${ok} sent`);
    // rate()[60s] peaks at about ok/60 over both pods, on top of the scrapes' 0.2/s per pod
    const result = await waitForValue(
      'request rates of both pods above the scrapes alone',
      async () => {
        const r = await prometheusAppMetrics(ns.name, APP, 'requests', 5 * 60_000);
        if (!r.ok) return null;
        const peak = r.result.series.reduce((sum, s) => sum + Math.max(0, ...s.points.map(([, v]) => v)), 0);
        return r.result.series.length === 2 && peak > 0.4 + (0.5 * ok) / 60 ? r.result : null;
      },
      60_000,
      2_000,
    );
    assert.equal(result.source, 'prometheus');
    for (const s of result.series) {
      assert.equal(s.deployment, APP);
      assert.equal(s.version, hashes[s.pod ?? ''], `version of ${s.pod}`);
      assert.ok(
        s.points.every(([t], i) => i === 0 || t > (s.points[i - 1]?.[0] ?? 0)),
        'points in time order',
      );
    }
    assert.ok(result.metrics.includes('http_requests_total'), `picker: ${result.metrics.join(', ')}`);
    const other = await prometheusAppMetrics(ns.name, APP, 'websocket_connections', 5 * 60_000);
    assert.ok(other.ok && other.result.series.length === 2, JSON.stringify(other));
  });

  it('the app-metrics route reads Prometheus when it has the pods, the pods themselves when it is away', async () => {
    const read = async (url: string) => {
      const res = await withPrometheus(url, () =>
        appMetricsRoute(
          new NextRequest('http://localhost/x?key=requests&range=300'),
          ctx({ namespace: ns.name, name: APP }),
        ),
      );
      assert.equal(res.status, 200);
      return (await res.json()) as AppMetricsResult;
    };
    const prom = await read(PROM);
    assert.equal(prom.source, 'prometheus', JSON.stringify(prom.notes));
    assert.equal(prom.series.length, 2);
    const port = await closedPort();
    const direct = await read(`http://127.0.0.1:${port}`);
    assert.equal(direct.source, 'direct');
    assert.match(
      direct.notes[0] ?? '',
      new RegExp(
        `^Prometheus at http://127.0.0.1:${port} is unreachable \\(ECONNREFUSED\\); read from the pods directly$`,
      ),
    );
  });

  it('gives the pods’ CPU and memory history, also through the route', async () => {
    const points = await waitForValue(
      'CPU and memory of both pods',
      async () => {
        const u = await prometheusUsageHistory(ns.name, APP, 10 * 60_000);
        const last = u.ok ? u.points.at(-1) : undefined;
        const pods = Object.entries(last?.pods ?? {});
        return pods.length === 2 && pods.every(([, p]) => p.memoryBytes > 1 << 20) && u.ok
          ? { points: u.points }
          : null;
      },
      60_000,
      2_000,
    );
    assert.ok(Object.keys(points.points.at(-1)?.pods ?? {}).every((p) => p in hashes));
    const res = await usageRoute(
      new NextRequest(
        `http://localhost/api/namespaces/${ns.name}/deployments/${APP}/usage-history?rangeMinutes=10`,
      ),
      ctx({ namespace: ns.name, name: APP }),
    );
    assert.equal(res.status, 200);
    const body = (await res.json()) as UsageHistoryAnswer;
    assert.equal(body.source, 'prometheus');
    assert.ok(body.source === 'prometheus' && body.points.length > 0);
    const bad = await usageRoute(
      new NextRequest(
        `http://localhost/api/namespaces/${ns.name}/deployments/${APP}/usage-history?rangeMinutes=0`,
      ),
      ctx({ namespace: ns.name, name: APP }),
    );
    assert.equal(bad.status, 400);
    const badName = await usageRoute(
      new NextRequest('http://localhost/x'),
      ctx({ namespace: ns.name, name: 'web"} or vector(1)' }),
    );
    assert.equal(badName.status, 400);
  });

  it('says so, without throwing, when Prometheus is away, at a wrong path, or answers an error', async () => {
    const port = await closedPort();
    const away = await withPrometheus(`http://127.0.0.1:${port}`, () =>
      prometheusAppMetrics(ns.name, APP, 'requests', 60_000),
    );
    assert.deepEqual(away, {
      ok: false,
      note: `Prometheus at http://127.0.0.1:${port} is unreachable (ECONNREFUSED)`,
    });
    const wrong = await withPrometheus(`${PROM}/wrong`, () => prometheusUsageHistory(ns.name, APP, 60_000));
    assert.ok(
      !wrong.ok && /answered HTTP 404 for \/api\/v1\/query_range/.test(wrong.note),
      JSON.stringify(wrong),
    );
    const routeAway = await withPrometheus(`http://127.0.0.1:${port}`, () =>
      usageRoute(new NextRequest('http://localhost/x'), ctx({ namespace: ns.name, name: APP })),
    );
    const answer = (await routeAway.json()) as UsageHistoryAnswer;
    assert.equal(routeAway.status, 200);
    assert.ok(answer.source === 'unavailable' && /unreachable/.test(answer.note), JSON.stringify(answer));
    // Prometheus' own error answer: 11,000 points at most per series
    const error = await queryRange(new URL(PROM), 'up', { start: 0, end: 1_000_000, step: 1 });
    assert.ok(
      !error.ok && /Prometheus answered an error: bad_data: exceeded maximum resolution/.test(error.error),
      JSON.stringify(error),
    );
    const none = await withPrometheus('', () => prometheusAppMetrics(ns.name, APP, 'requests', 60_000));
    assert.deepEqual(none, { ok: false, note: 'no Prometheus configured (PODIUM_PROMETHEUS_URL)' });
  });

  it('a restarted Podium (a fresh process) still reads the minutes before it started', async () => {
    // the history this process reads now, at least 10 s of it (the pods are a minute old at most and
    // Prometheus scrapes them every few seconds: a fast run can get here with 3 s of samples)
    const before = await waitForValue(
      'a usage point in Prometheus at least 10 s old',
      async () => {
        const u = await prometheusUsageHistory(ns.name, APP, 10 * 60_000);
        const t = u.ok ? u.points[0]?.t : undefined;
        return t !== undefined && t < Date.now() - 10_000 ? { t } : null;
      },
      90_000,
      2_000,
    );
    const started = Date.now();
    const script = `
      const { prometheusUsageHistory } = await import(${JSON.stringify(join(ROOT, 'lib/k8s/prometheus/usage.ts'))});
      const { prometheusAppMetrics } = await import(${JSON.stringify(join(ROOT, 'lib/k8s/prometheus/app-metrics.ts'))});
      const u = await prometheusUsageHistory(${JSON.stringify(ns.name)}, ${JSON.stringify(APP)}, 10 * 60_000);
      const a = await prometheusAppMetrics(${JSON.stringify(ns.name)}, ${JSON.stringify(APP)}, 'requests', 10 * 60_000);
      console.log(JSON.stringify({ first: u.ok ? u.points[0]?.t : u.note, series: a.ok ? a.result.series.length : a.note }));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=react-server', '--input-type=module', '-e', script],
      { cwd: ROOT, env: { ...process.env, PODIUM_PROMETHEUS_URL: PROM }, timeout: 60_000 },
    );
    const fresh = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      first: number | string;
      series: number | string;
    };
    assert.equal(typeof fresh.first, 'number', JSON.stringify(fresh));
    // the pods have run since before the first test: their samples from then are in Prometheus, not in this process
    assert.ok(
      (fresh.first as number) <= before.t,
      `the fresh process reads from ${new Date(fresh.first as number).toISOString()}, this one from ${new Date(before.t).toISOString()}`,
    );
    assert.ok(
      (fresh.first as number) < started - 5_000,
      `the fresh process's oldest point ${new Date(fresh.first as number).toISOString()} predates it (${new Date(started).toISOString()})`,
    );
    assert.equal(fresh.series, 2);
  });
});

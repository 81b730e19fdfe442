import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PromQLNameError,
  appMetricQuery,
  deploymentMatchers,
  escapeRegex,
  quoteLabelValue,
  rangeStepSeconds,
  rateWindow,
  usageQuery,
} from '../../../lib/models/prometheus/promql';
import {
  MAX_PROM_SERIES,
  parseMatrix,
  parseNames,
  promData,
  toAppSeries,
  usageHistoryPoints,
  type PromSeries,
} from '../../../lib/models/prometheus/results';

describe('PromQL builders', () => {
  it('select one Deployment by pod name, whatever its versions, and not a longer-named sibling', () => {
    const m = deploymentMatchers('demo-canary', 'echo');
    assert.equal(m, 'namespace="demo-canary",pod=~"echo-[a-z0-9]+-[a-z0-9]+"');
    const re = new RegExp(`^${'echo-[a-z0-9]+-[a-z0-9]+'}$`);
    assert.ok(re.test('echo-6996bb6d55-f6l95'));
    assert.ok(!re.test('echo-canary-6996bb6d55-f6l95'));
  });

  it('escape a dotted Deployment name for the regex (a dot is literal, not any character)', () => {
    assert.equal(deploymentMatchers('ns', 'api.v2'), 'namespace="ns",pod=~"api\\\\.v2-[a-z0-9]+-[a-z0-9]+"');
    assert.equal(escapeRegex('a.b*c(d)|e'), 'a\\.b\\*c\\(d\\)\\|e');
  });

  it('quote label values with backslash, quote and newline escaped', () => {
    assert.equal(quoteLabelValue('a"b\\c\nd'), '"a\\"b\\\\c\\nd"');
  });

  it('refuse every name that is not a checked name: injection attempts never reach a query', () => {
    const attempts: [string, string, string][] = [
      ['demo"} or vector(1) #', 'echo', 'requests'],
      ['demo', 'echo"}) or up{job=~".+', 'requests'],
      ['demo', 'echo', 'up{job="x"} or vector(1)'],
      ['demo', 'echo', 'http_requests_total[5m]'],
      ['demo', 'echo', '__name__'],
      ['Demo', 'echo', 'requests'],
      ['demo', 'echo', 'a b'],
      ['demo', '', 'requests'],
      ['demo', 'x'.repeat(254), 'requests'],
      ['x'.repeat(64), 'echo', 'requests'],
    ];
    for (const [ns, dep, key] of attempts)
      assert.throws(() => appMetricQuery(key, ns, dep), PromQLNameError, `${ns} / ${dep} / ${key}`);
    assert.throws(() => usageQuery('cpu', 'demo', 'echo"}'), PromQLNameError);
  });

  it('build the default keys per pod and version', () => {
    assert.equal(
      appMetricQuery('requests', 'ns', 'echo'),
      'sum by (pod, pod_template_hash) (rate(http_requests_total{namespace="ns",pod=~"echo-[a-z0-9]+-[a-z0-9]+"}[60s]))',
    );
    const errors = appMetricQuery('errors', 'ns', 'echo');
    assert.match(errors, /code=~"5\.\."/);
    assert.match(errors, / or .*status=~"5\.\."/);
    assert.match(
      appMetricQuery('p95', 'ns', 'echo'),
      /^histogram_quantile\(0\.95, sum by \(pod, pod_template_hash, le\) \(rate\(http_request_duration_seconds_bucket\{/,
    );
    assert.match(appMetricQuery('p50', 'ns', 'echo'), /^histogram_quantile\(0\.5,/);
  });

  it('a counter by name as a rate, a gauge as its value', () => {
    assert.match(
      appMetricQuery('websocket_messages_total', 'ns', 'echo'),
      /rate\(websocket_messages_total\{/,
    );
    assert.match(
      appMetricQuery('websocket_connections', 'ns', 'echo'),
      /^sum by \(pod, pod_template_hash\) \(websocket_connections\{/,
    );
  });

  it('use the pod cgroup series of cAdvisor for CPU and memory', () => {
    assert.match(
      usageQuery('cpu', 'ns', 'echo'),
      /rate\(container_cpu_usage_seconds_total\{.*container=""\}\[60s\]\)/,
    );
    assert.match(usageQuery('memory', 'ns', 'echo'), /container_memory_working_set_bytes\{.*container=""\}/);
  });

  it('step and rate window follow the range: 300 points at most, never under the 5 s scrape', () => {
    assert.equal(rangeStepSeconds(3600_000), 12);
    assert.equal(rangeStepSeconds(60_000), 5);
    assert.equal(rangeStepSeconds(24 * 3600_000), 288);
    assert.equal(rateWindow(12), '60s');
    assert.equal(rateWindow(288), '576s');
  });
});

const matrix = (result: unknown[]) => ({ resultType: 'matrix', result });

describe('Prometheus answers', () => {
  it('tell an API error and a foreign body apart from data', () => {
    assert.deepEqual(promData({ status: 'success', data: 1 }), { ok: true, data: 1 });
    const err = promData({ status: 'error', errorType: 'bad_data', error: 'parse error at char 3' });
    assert.equal(err.ok, false);
    assert.match(!err.ok ? err.error : '', /bad_data: parse error/);
    assert.equal(promData('<html>').ok, false);
    assert.equal(promData(null).ok, false);
  });

  it('parse a matrix, dropping NaN and broken points, refusing a vector', () => {
    const m = parseMatrix(
      matrix([
        {
          metric: { pod: 'echo-abc12-xyz12' },
          values: [
            [1, '0.5'],
            [2, 'NaN'],
            ['x', '1'],
            [3, '+Inf'],
            [4, '2'],
          ],
        },
        'junk',
      ]),
    );
    assert.ok(m.ok);
    assert.deepEqual(m.ok && m.data, [
      {
        metric: { pod: 'echo-abc12-xyz12' },
        values: [
          [1, 0.5],
          [4, 2],
        ],
      },
    ]);
    assert.equal(parseMatrix({ resultType: 'vector', result: [] }).ok, false);
  });

  it('make AppSeries per pod with its version, in ms, capped with a count', () => {
    const series: PromSeries[] = [
      { metric: { pod: 'echo-bbb22-p2', pod_template_hash: 'bbb22' }, values: [[10, 1]] },
      { metric: { pod: 'echo-aaa11-p1' }, values: [[10, 2]] },
    ];
    const { series: out, capped } = toAppSeries('requests', 'echo', series);
    assert.equal(capped, 0);
    assert.deepEqual(out[0], {
      key: 'requests',
      pod: 'echo-aaa11-p1',
      version: 'aaa11',
      deployment: 'echo',
      points: [[10_000, 2]],
    });
    assert.equal(out[1]?.version, 'bbb22');
    const many = Array.from({ length: MAX_PROM_SERIES + 7 }, (_, i) => ({
      metric: { pod: `echo-h-${i}` },
      values: [],
    }));
    assert.equal(toAppSeries('x', 'echo', many).capped, 7);
  });

  it('turn CPU cores and memory bytes into history points, a pod only where both were measured', () => {
    const points = usageHistoryPoints(
      [
        {
          metric: { pod: 'p1' },
          values: [
            [20, 0.25],
            [10, 0.1],
          ],
        },
        { metric: { pod: 'p2' }, values: [[10, 0.5]] },
      ],
      [
        {
          metric: { pod: 'p1' },
          values: [
            [10, 1048576],
            [30, 2097152],
          ],
        },
        { metric: { pod: 'p2' }, values: [[10, 4096]] },
      ],
    );
    assert.deepEqual(
      points.map((p) => [p.t, p.pods]),
      [[10_000, { p1: { cpuMilli: 100, memoryBytes: 1048576 }, p2: { cpuMilli: 500, memoryBytes: 4096 } }]],
    );
  });

  it('keep only metric names from a label-values answer', () => {
    assert.deepEqual(parseNames(['up', 'b_total', 'not a name', 3, 'up']), ['b_total', 'up']);
    assert.deepEqual(parseNames({}), []);
  });
});

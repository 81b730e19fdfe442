import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GET as deploymentLogs } from '../../../app/api/namespaces/[namespace]/deployments/[name]/logs/route';
import { GET as podLogs } from '../../../app/api/namespaces/[namespace]/pods/[pod]/logs/route';
import { recentLines } from '../../../lib/k8s/logs/follow-logs';
import { stampOf, type LogLine } from '../../../lib/models/logs/line';
import { deploymentLogsQuery, podLogsQuery } from '../../../lib/validation';
import { ctx, errorOf, request, withEnv } from '../actions/helpers';

// The logs routes' checks that come before any request to the cluster: names, PODIUM_LOGS=off,
// the namespace allowlist, the query. (What they stream: test/integration/logs.test.ts.)

const get = (path: string) =>
  request(path, { method: 'GET', origin: null, csrfHeader: null, csrfCookie: null });
const deployment = (ns: string, name: string, q = '') =>
  deploymentLogs(get(`/api/namespaces/${ns}/deployments/${name}/logs${q}`), ctx({ namespace: ns, name }));
const pod = (ns: string, name: string, q = '') =>
  podLogs(get(`/api/namespaces/${ns}/pods/${name}/logs${q}`), ctx({ namespace: ns, pod: name }));

describe('logs routes: refused before reaching the cluster', () => {
  it('answers 404 LogsDisabled on both routes when PODIUM_LOGS=off', async () => {
    await withEnv({ PODIUM_LOGS: 'off' }, async () => {
      for (const res of [await deployment('demo', 'web'), await pod('demo', 'web-1')]) {
        assert.equal(res.status, 404);
        const e = await errorOf(res);
        assert.equal(e.reason, 'LogsDisabled');
        assert.match(e.message, /PODIUM_LOGS=off/);
      }
    });
  });
  it('answers 400 for bad names and bad queries, 403 outside the allowlist', async () => {
    await withEnv({ PODIUM_LOGS: undefined, PODIUM_NAMESPACES: 'demo' }, async () => {
      assert.equal((await deployment('Bad_NS', 'web')).status, 400);
      assert.equal((await pod('demo', '../etc')).status, 400);
      assert.equal((await deployment('other', 'web')).status, 403);
      for (const q of [
        '?tailLines=0',
        '?tailLines=1001',
        '?tailLines=1e3',
        '?sinceSeconds=-1',
        '?container=A',
        '?x=1',
        '?tailLines=1&tailLines=2',
      ]) {
        const res = await deployment('demo', 'web', q);
        assert.equal(res.status, 400, q);
      }
      const both = await pod('demo', 'web-1', '?previous=true&follow=true');
      assert.equal(both.status, 400);
      assert.match((await errorOf(both)).message, /cannot follow/);
    });
  });
});

describe('logs queries', () => {
  it('parse numbers and flags', () => {
    assert.deepEqual(deploymentLogsQuery.parse({ tailLines: '100', container: 'app' }), {
      tailLines: 100,
      container: 'app',
    });
    assert.deepEqual(podLogsQuery.parse({ previous: 'true' }), { previous: true });
    assert.equal(podLogsQuery.safeParse({ previous: 'yes' }).success, false);
  });
});

describe('recentLines', () => {
  const line = (ms: number, seq: number): LogLine => ({
    lane: 'p/c',
    pod: 'p',
    container: 'c',
    epoch: 'e',
    seq,
    ...stampOf(ms),
    text: String(seq),
  });
  const lines = [line(1_000, 1), line(50_000, 2), line(59_000, 3), line(60_000, 4)];
  it('keeps the last N lines, or those of the last N seconds', () => {
    assert.deepEqual(
      recentLines(lines, { tailLines: 2 }).map((l) => l.seq),
      [3, 4],
    );
    assert.deepEqual(
      recentLines(lines, { sinceSeconds: 10 }, 60_000).map((l) => l.seq),
      [2, 3, 4],
    );
    assert.deepEqual(recentLines(lines, {}).length, 4);
  });
});

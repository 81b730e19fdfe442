// The traffic and canary routes refuse before any request leaves Podium: read-only mode, a foreign
// origin, bodies past the limits, unsafe paths. No cluster: every case here ends at the guard.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { captureAudit, type AuditLine } from '../../../lib/audit';
import { ctx, errorOf, request, withEnv } from '../actions/helpers';
import {
  POST as probeStart,
  DELETE as probeStop,
} from '../../../app/api/namespaces/[namespace]/traffic/[service]/probe/route';
import { POST as loadStart } from '../../../app/api/namespaces/[namespace]/traffic/[service]/load/route';
import { POST as splitRoute } from '../../../app/api/namespaces/[namespace]/traffic/[service]/split/route';
import { POST as wsStart } from '../../../app/api/namespaces/[namespace]/traffic/[service]/ws/route';
import { POST as canaryRoute } from '../../../app/api/namespaces/[namespace]/canary/route';
import { PATCH as ingressWeight } from '../../../app/api/namespaces/[namespace]/ingresses/[name]/canary-weight/route';
import { PATCH as routeWeight } from '../../../app/api/namespaces/[namespace]/httproutes/[name]/weight/route';

const lines: AuditLine[] = [];
const restore = captureAudit((l) => lines.push(JSON.parse(l) as AuditLine));
after(restore);

const P = { namespace: 'shop', service: 'web' };
const ENV = {
  PODIUM_READ_ONLY: undefined,
  PODIUM_NAMESPACES: undefined,
  PODIUM_ACTION_TOKEN: undefined,
  PODIUM_ALLOWED_ORIGINS: undefined,
};
type Handler = (req: import('next/server').NextRequest, c: ReturnType<typeof ctx>) => Promise<Response>;
const call = (
  h: Handler,
  body: unknown,
  params: Record<string, string> = P,
  o: { method?: string; origin?: string } = {},
) =>
  h(
    request('/api/namespaces/shop/traffic/web/x', {
      method: o.method ?? 'POST',
      body: body as object,
      origin: o.origin,
    }),
    ctx(params),
  );

describe('traffic routes: refused before any request is sent', () => {
  it('read-only mode refuses starting a probe, a sample, a load and every canary action, and audits it', async () => {
    await withEnv({ ...ENV, PODIUM_READ_ONLY: 'true' }, async () => {
      for (const [h, body, params] of [
        [probeStart, {}, P],
        [splitRoute, {}, P],
        [loadStart, { path: '/' }, P],
        [wsStart, {}, P],
        [canaryRoute, { action: 'abort', canary: 'web-canary' }, { namespace: 'shop' }],
        [ingressWeight, { weight: 10 }, { namespace: 'shop', name: 'echo-canary' }],
        [routeWeight, { rule: 0, backend: 1, weight: 10 }, { namespace: 'shop', name: 'echo' }],
      ] as [Handler, object, Record<string, string>][]) {
        const res = await call(h, body, params);
        assert.equal(res.status, 403);
        assert.equal((await errorOf(res)).reason, 'ReadOnly');
      }
      const res = await call(probeStop, undefined, P, { method: 'DELETE' });
      assert.equal(res.status, 403);
    });
    const refused = lines.filter((l) => l.outcome === 'refused' && l.status === 403);
    assert.deepEqual(refused.map((l) => l.action).slice(-8), [
      'probe-start',
      'split-sample',
      'load-start',
      'ws-start',
      'canary',
      'ingress-canary-weight',
      'httproute-weight',
      'probe-stop',
    ]);
  });

  it('another origin may not start a load', async () => {
    await withEnv(ENV, async () => {
      const res = await call(loadStart, { path: '/' }, P, { origin: 'http://evil.example' });
      assert.equal(res.status, 403);
      assert.equal((await errorOf(res)).reason, 'BadOrigin');
    });
  });

  it('limits: concurrency ≤ 100, duration ≤ 10 min, rate ≤ 5,000/s, samples ≤ 2,000, interval ≥ 100 ms', async () => {
    await withEnv(ENV, async () => {
      const cases: [Handler, object, RegExp][] = [
        [loadStart, { path: '/', concurrency: 101 }, /concurrency: must be at most 100/],
        [loadStart, { path: '/', durationSeconds: 601 }, /durationSeconds: must be at most 600/],
        [loadStart, { path: '/', rate: 5001 }, /rate: must be at most 5,000/],
        [loadStart, { path: '/', concurrency: 0 }, /concurrency: must be at least 1/],
        [loadStart, {}, /path: is required|path/],
        [splitRoute, { samples: 2001 }, /samples: must be at most 2,000/],
        [probeStart, { intervalMs: 50 }, /intervalMs: must be at least 100/],
        [probeStart, { durationSeconds: 3600 }, /durationSeconds: must be at most 600/],
        [probeStart, { surprise: true }, /surprise|unrecognized/i],
        [wsStart, { clients: 1_001 }, /clients: must be at most 1,000/],
        [wsStart, { clients: 0 }, /clients: must be at least 1/],
        [wsStart, { messages: 101 }, /messages: must be at most 100/],
        [wsStart, { pauseMs: 10_001 }, /pauseMs: must be at most 10,000/],
        [wsStart, { durationSeconds: 601 }, /durationSeconds: must be at most 600/],
        [wsStart, { path: '/../ws' }, /path: must start with/],
      ];
      for (const [h, body, message] of cases) {
        const res = await call(h, body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.match((await errorOf(res)).message, message);
      }
    });
  });

  it('unsafe paths never reach the proxy: "..", "//", percent-encoding, a full URL', async () => {
    await withEnv(ENV, async () => {
      for (const path of [
        '/../secrets',
        '/a/./b',
        '//x',
        '/%2e%2e/x',
        'http://10.0.0.1/',
        'version',
        '/a b',
        '/x?y=%00',
      ]) {
        const res = await call(probeStart, { path });
        assert.equal(res.status, 400, path);
        assert.match((await errorOf(res)).message, /path: must start with "\/"/, path);
      }
    });
  });

  it('canary bodies: two different Deployments, replicas within PODIUM_MAX_REPLICAS', async () => {
    await withEnv({ ...ENV, PODIUM_MAX_REPLICAS: '10' }, async () => {
      const same = await call(
        canaryRoute,
        { action: 'promote', stable: 'web', canary: 'web' },
        { namespace: 'shop' },
      );
      assert.equal(same.status, 400);
      assert.match((await errorOf(same)).message, /two different Deployments/);
      const many = await call(
        canaryRoute,
        { action: 'ratio', stable: 'a', canary: 'b', stableReplicas: 11, canaryReplicas: 1 },
        { namespace: 'shop' },
      );
      assert.equal(many.status, 400);
      const unknown = await call(canaryRoute, { action: 'yolo' }, { namespace: 'shop' });
      assert.equal(unknown.status, 400);
    });
  });
});

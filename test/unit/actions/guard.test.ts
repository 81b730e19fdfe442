import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { captureAudit, type AuditLine } from '../../../lib/audit';
import { K8sError } from '../../../lib/k8s/errors';
import { actionRoute, MAX_BODY_BYTES, Refusal } from '../../../lib/routes/guard';
import { deploymentParams, scaleBody } from '../../../lib/validation';
import { actionCookieValue } from '../../../lib/routes/security';
import { CSRF, ctx, errorOf, request, withEnv } from './helpers';

// The guard end to end, around a stand-in action: which requests reach the action, and what the
// others get back. No cluster: the action only records that it ran.

const lines: AuditLine[] = [];
const restore = captureAudit((l) => lines.push(JSON.parse(l) as AuditLine));
after(restore);

let ran: unknown[] = [];
let behaviour: () => Promise<void> = async () => undefined;
const POST = actionRoute({
  action: 'scale',
  params: deploymentParams,
  target: (p) => p.name,
  body: (config) => scaleBody(config.maxReplicas),
  run: async ({ params, body }) => {
    await behaviour();
    ran.push({ params, body });
    return { data: { replicas: body.replicas }, detail: `replicas ${body.replicas}` };
  },
});

const URL_ = '/api/namespaces/demo/deployments/web/scale';
const PARAMS = { namespace: 'demo', name: 'web' };
const ENV = {
  PODIUM_READ_ONLY: undefined,
  PODIUM_NAMESPACES: undefined,
  PODIUM_ACTION_TOKEN: undefined,
  PODIUM_ALLOWED_ORIGINS: undefined,
  PODIUM_MAX_REPLICAS: undefined,
};

async function call(
  opts: Parameters<typeof request>[1],
  env: Record<string, string | undefined> = {},
  params: Record<string, string> = PARAMS,
) {
  return withEnv({ ...ENV, ...env }, () =>
    POST(request(URL_, { body: { replicas: 3 }, ...opts }), ctx(params)),
  );
}

async function refused(res: Response, status: number, reason: string) {
  const err = await errorOf(res);
  assert.equal(res.status, status, `${err.reason}: ${err.message}`);
  assert.equal(err.reason, reason);
  assert.ok(err.message.length > 10, 'a sentence a person can act on');
  assert.deepEqual(ran, [], 'the action did not run');
  assert.equal(lines.at(-1)?.outcome, 'refused');
  assert.equal(lines.at(-1)?.status, status);
}

beforeEach(() => {
  ran = [];
  behaviour = async () => undefined;
});

describe('the action guard', () => {
  it('lets a same-origin request with matching CSRF through, and audits it once', async () => {
    const before = lines.length;
    const res = await call({});
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { ok: true, replicas: 3 });
    assert.deepEqual(ran, [{ params: PARAMS, body: { replicas: 3 } }]);
    assert.equal(lines.length, before + 1);
    const line = lines.at(-1)!;
    assert.deepEqual(
      { ...line, ts: 'x' },
      {
        ts: 'x',
        action: 'scale',
        namespace: 'demo',
        name: 'web',
        outcome: 'ok',
        status: 200,
        detail: 'replicas 3',
      },
    );
  });

  it('refuses everything in read-only mode, before any other check', async () => {
    await refused(
      await call({ origin: 'http://evil.example' }, { PODIUM_READ_ONLY: 'true' }),
      403,
      'ReadOnly',
    );
  });

  it('refuses a missing or foreign Origin', async () => {
    await refused(await call({ origin: null }), 403, 'BadOrigin');
    await refused(await call({ origin: 'http://evil.example' }), 403, 'BadOrigin');
  });

  it('accepts an origin from PODIUM_ALLOWED_ORIGINS', async () => {
    const res = await call(
      { origin: 'https://teacher.example' },
      { PODIUM_ALLOWED_ORIGINS: 'https://teacher.example' },
    );
    assert.equal(res.status, 200);
  });

  it('refuses a missing, forged or cookie-less CSRF token', async () => {
    await refused(await call({ csrfHeader: null }), 403, 'BadCsrf');
    await refused(await call({ csrfHeader: 'B'.repeat(43) }), 403, 'BadCsrf');
    await refused(await call({ csrfCookie: null }), 403, 'BadCsrf');
  });

  it('needs the unlock cookie when an action token is set', async () => {
    const env = { PODIUM_ACTION_TOKEN: 'class-2025' };
    await refused(await call({}, env), 401, 'Locked');
    await refused(await call({ cookies: { podium_action: 'class-2025' } }, env), 401, 'Locked');
    await refused(await call({ cookies: { podium_action: actionCookieValue('wrong') } }, env), 401, 'Locked');
    const res = await call({ cookies: { podium_action: actionCookieValue('class-2025') } }, env);
    assert.equal(res.status, 200);
  });

  it('checks the namespace name, then the allowlist, then the other names', async () => {
    await refused(await call({}, {}, { namespace: '../kube-system', name: 'web' }), 400, 'BadRequest');
    await refused(await call({}, { PODIUM_NAMESPACES: 'lesson-*' }), 403, 'NamespaceNotAllowed');
    assert.equal((await call({}, { PODIUM_NAMESPACES: 'lesson-*,demo' })).status, 200);
    ran = [];
    await refused(await call({}, {}, { namespace: 'demo', name: 'Web' }), 400, 'BadRequest');
    await refused(await call({}, {}, { namespace: 'demo', name: 'a/b' }), 400, 'BadRequest');
    await refused(await call({}, {}, { namespace: 'demo', name: 'a'.repeat(254) }), 400, 'BadRequest');
  });

  it('refuses bad bodies: missing, not JSON, wrong type, unknown field, too large', async () => {
    await refused(await call({ body: '' }), 400, 'BadRequest');
    await refused(await call({ body: '{replicas: 3' }), 400, 'BadRequest');
    await refused(
      await call({ body: 'replicas=3', contentType: 'application/x-www-form-urlencoded' }),
      415,
      'UnsupportedMediaType',
    );
    await refused(await call({ body: { replicas: -1 } }), 400, 'BadRequest');
    await refused(await call({ body: { replicas: 3, namespace: 'kube-system' } }), 400, 'BadRequest');
    await refused(
      await call({ body: { replicas: 3, pad: 'x'.repeat(MAX_BODY_BYTES) } }),
      413,
      'PayloadTooLarge',
    );
  });

  it('uses PODIUM_MAX_REPLICAS as the upper bound', async () => {
    const res = await call({ body: { replicas: 11 } }, { PODIUM_MAX_REPLICAS: '10' });
    await refused(res, 400, 'BadRequest');
  });

  it('passes a Kubernetes error through with its status and reason', async () => {
    behaviour = async () => {
      throw new K8sError(404, 'NotFound', 'deployments.apps "web" not found');
    };
    const res = await call({});
    assert.equal(res.status, 404);
    assert.deepEqual(await errorOf(res), {
      status: 404,
      reason: 'NotFound',
      message: 'deployments.apps "web" not found',
    });
    assert.equal(lines.at(-1)?.outcome, 'failed');
  });

  it('answers a refusal of the action itself (e.g. HpaManaged) with its status', async () => {
    behaviour = async () => {
      throw new Refusal(409, 'HpaManaged', 'the HorizontalPodAutoscaler web manages this deployment');
    };
    const res = await call({});
    assert.equal(res.status, 409);
    assert.equal((await errorOf(res)).reason, 'HpaManaged');
    assert.equal(lines.at(-1)?.outcome, 'refused');
  });

  it('never writes a token or cookie into the audit log', async () => {
    await call(
      { cookies: { podium_action: actionCookieValue('class-2025') } },
      { PODIUM_ACTION_TOKEN: 'class-2025' },
    );
    await call({ cookies: { podium_action: 'class-2025' } }, { PODIUM_ACTION_TOKEN: 'class-2025' });
    const text = JSON.stringify(lines);
    assert.ok(!text.includes('class-2025'));
    assert.ok(!text.includes(actionCookieValue('class-2025')));
    assert.ok(!text.includes(CSRF.slice(0, 20)), 'no CSRF token');
  });
});

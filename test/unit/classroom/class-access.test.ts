import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { NextRequest } from 'next/server';
import QRCode from 'qrcode';
import { GET as classRoute } from '../../../app/api/class/route';
import { GET as qrRoute } from '../../../app/api/class/qr/route';
import { GET as sessionRoute } from '../../../app/api/session/route';
import { POST as unlockRoute } from '../../../app/api/session/unlock/route';
import { captureAudit } from '../../../lib/audit';
import { getConfig } from '../../../lib/config';
import type { Session, StudentLinkInfo } from '../../../lib/models/contract';
import { QR_OPTIONS } from '../../../lib/routes/class';
import { actionRoute } from '../../../lib/routes/guard';
import { deploymentParams, scaleBody } from '../../../lib/validation';
import { ctx, errorOf, request, withEnv } from '../actions/helpers';

// The class's rule: everyone watches, only the browser that entered the token acts. The guard runs
// around a stand-in action (no cluster), with requests as a student's laptop sends them: Host and
// Origin the class address, a valid CSRF token of its own.

after(captureAudit(() => undefined));

const CLASS = 'http://192.0.2.10:3000';
const ENV = {
  PODIUM_CLASS: '1',
  PODIUM_CLASS_ADDRESS: '192.0.2.10',
  PODIUM_ACTION_TOKEN: undefined,
  PODIUM_READ_ONLY: undefined,
  PORT: '3000',
};

let ran = 0;
const POST = actionRoute({
  action: 'scale',
  params: deploymentParams,
  target: (p) => p.name,
  body: (config) => scaleBody(config.maxReplicas),
  run: async () => {
    ran++;
    return { detail: 'ran' };
  },
});

/** A request from the class's address, as a student's browser sends it. */
function fromClass(path: string, o: Parameters<typeof request>[1] = {}): NextRequest {
  const req = request(path, { origin: CLASS, ...o, headers: { host: '192.0.2.10:3000', ...o.headers } });
  return new NextRequest(new URL(path, CLASS), req);
}

const scale = (cookies?: Record<string, string>) =>
  POST(
    fromClass('/api/namespaces/demo/deployments/web/scale', { body: { replicas: 3 }, cookies }),
    ctx({ namespace: 'demo', name: 'web' }),
  );

describe('class mode: watch-only without the token', () => {
  it('the session tells a fresh browser it is in a class, locked', async () => {
    const res = await withEnv(ENV, () => sessionRoute(fromClass('/api/session', { method: 'GET' })));
    const s = (await res.json()) as Session;
    assert.deepEqual(
      [s.classMode, s.actionTokenRequired, s.unlocked, s.readOnly],
      [true, true, false, false],
    );
  });

  it("refuses a student's action 401 Locked although Origin and CSRF are right", async () => {
    ran = 0;
    const res = await withEnv(ENV, () => scale());
    assert.equal(res.status, 401);
    assert.equal((await errorOf(res)).reason, 'Locked');
    assert.equal(ran, 0);
  });

  it('refuses another origin on the class address 403 BadOrigin', async () => {
    const res = await withEnv(ENV, () =>
      POST(
        fromClass('/api/namespaces/demo/deployments/web/scale', {
          origin: 'http://evil.example',
          body: { replicas: 3 },
        }),
        ctx({ namespace: 'demo', name: 'web' }),
      ),
    );
    assert.equal(res.status, 403);
    assert.equal((await errorOf(res)).reason, 'BadOrigin');
  });

  it("the teacher's browser acts after unlocking with the drawn token (a wrong one is refused)", async () => {
    const token = await withEnv(ENV, () => getConfig().actionToken);
    assert.ok(token);
    const wrong = await withEnv(ENV, () =>
      unlockRoute(fromClass('/api/session/unlock', { body: { token: 'guess' } })),
    );
    assert.equal(wrong.status, 401);
    const res = await withEnv(ENV, () => unlockRoute(fromClass('/api/session/unlock', { body: { token } })));
    assert.equal(res.status, 200);
    const cookie = res.headers
      .getSetCookie()
      .find((c) => c.startsWith('podium_action='))!
      .split(';')[0]!
      .split('=')[1]!;
    ran = 0;
    const acted = await withEnv(ENV, () => scale({ podium_action: cookie }));
    assert.equal(acted.status, 200);
    assert.equal(ran, 1);
  });
});

describe('GET /api/class and /api/class/qr', () => {
  const get = (
    route: (r: NextRequest) => Response | Promise<Response>,
    path: string | null,
    host = '127.0.0.1:3000',
  ) =>
    route(
      new NextRequest(
        new URL(`/api/class${path === null ? '' : `?path=${encodeURIComponent(path)}`}`, `http://${host}`),
        { headers: { host } },
      ),
    );

  it('answers the class URL of the page and its QR code as SVG', async () => {
    const res = await withEnv(ENV, () => get(classRoute, '/ns/demo/deployments/web'));
    assert.equal(res.status, 200);
    const link = (await res.json()) as StudentLinkInfo;
    assert.equal(link.url, `${CLASS}/ns/demo/deployments/web`);
    const qr = await withEnv(ENV, () => get(qrRoute, '/ns/demo/deployments/web'));
    assert.equal(qr.status, 200);
    assert.match(qr.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.equal(await qr.text(), await QRCode.toString(link.url!, QR_OPTIONS));
  });

  it('answers 400 for a path that is not a Podium page, 404 when no student can reach Podium', async () => {
    for (const p of [null, 'https://evil.example/', '/ns/demo/secrets/x']) {
      const res = await withEnv(ENV, () => get(classRoute, p));
      assert.equal(res.status, 400, String(p));
      assert.match((await errorOf(res)).message, /^path: /);
    }
    const off = { ...ENV, PODIUM_CLASS: undefined };
    const link = (await (await withEnv(off, () => get(classRoute, '/ns/demo'))).json()) as StudentLinkInfo;
    assert.equal(link.url, null);
    const qr = await withEnv(off, () => get(qrRoute, '/ns/demo'));
    assert.equal(qr.status, 404);
    assert.equal((await errorOf(qr)).reason, 'NoStudentLink');
  });
});

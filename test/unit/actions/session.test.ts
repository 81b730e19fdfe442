import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { NextRequest } from 'next/server';
import { captureAudit } from '../../../lib/audit';
import { DELETE as lockRoute, POST as unlockRoute } from '../../../app/api/session/unlock/route';
import { GET as sessionRoute } from '../../../app/api/session/route';
import { CSRF, ORIGIN, errorOf, request, withEnv } from './helpers';

const lines: string[] = [];
after(captureAudit((l) => lines.push(l)));

function setCookie(res: Response, name: string): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
}

describe('GET /api/session', () => {
  it('hands out a CSRF token and the same value in an HttpOnly, SameSite=Strict cookie', async () => {
    const res = await withEnv(
      { PODIUM_ACTION_TOKEN: 'class-2025', PODIUM_READ_ONLY: undefined, PODIUM_MAX_REPLICAS: '20' },
      () => sessionRoute(new NextRequest(new URL('/api/session', ORIGIN))),
    );
    const body = (await res.json()) as { csrfToken: string };
    assert.deepEqual(
      { ...body, csrfToken: 'x' },
      {
        csrfToken: 'x',
        readOnly: false,
        actionTokenRequired: true,
        unlocked: false,
        maxReplicas: 20,
        classMode: false,
      },
    );
    assert.match(body.csrfToken, /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    const cookie = setCookie(res, 'podium_csrf') ?? '';
    assert.ok(cookie.startsWith(`podium_csrf=${body.csrfToken};`), cookie);
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=strict/i);
    assert.match(cookie, /Path=\//);
  });

  it('keeps a token the browser already has (a second tab does not break the first)', async () => {
    const req = new NextRequest(new URL('/api/session', ORIGIN), {
      headers: { cookie: `podium_csrf=${CSRF}` },
    });
    assert.equal(((await sessionRoute(req).json()) as { csrfToken: string }).csrfToken, CSRF);
  });
});

describe('POST/DELETE /api/session/unlock', () => {
  const env = { PODIUM_ACTION_TOKEN: 'class-2025', PODIUM_READ_ONLY: undefined };

  it('sets an HMAC cookie (not the token) for the right token, and the session then says unlocked', async () => {
    const res = await withEnv(env, () =>
      unlockRoute(request('/api/session/unlock', { body: { token: 'class-2025' } })),
    );
    assert.equal(res.status, 200);
    const cookie = setCookie(res, 'podium_action') ?? '';
    assert.match(cookie, /HttpOnly/i);
    assert.ok(!cookie.includes('class-2025'));
    const value = cookie.split(';')[0]!.split('=')[1]!;
    const session = await withEnv(env, () =>
      sessionRoute(
        new NextRequest(new URL('/api/session', ORIGIN), { headers: { cookie: `podium_action=${value}` } }),
      ),
    );
    assert.equal(((await session.json()) as { unlocked: boolean }).unlocked, true);
  });

  it('refuses a wrong token, a foreign origin and a missing CSRF token', async () => {
    const wrong = await withEnv(env, () =>
      unlockRoute(request('/api/session/unlock', { body: { token: 'class-2024' } })),
    );
    assert.equal(wrong.status, 401);
    assert.equal((await errorOf(wrong)).reason, 'BadToken');
    const evil = await withEnv(env, () =>
      unlockRoute(
        request('/api/session/unlock', { origin: 'http://evil.example', body: { token: 'class-2025' } }),
      ),
    );
    assert.equal(evil.status, 403);
    const noCsrf = await withEnv(env, () =>
      unlockRoute(request('/api/session/unlock', { csrfHeader: null, body: { token: 'class-2025' } })),
    );
    assert.equal(noCsrf.status, 403);
    assert.ok(!lines.join('\n').includes('class-202'), 'no token in the audit log');
  });

  it('locks again on DELETE', async () => {
    const res = await withEnv(env, () => lockRoute(request('/api/session/unlock', { method: 'DELETE' })));
    assert.equal(res.status, 200);
    assert.match(setCookie(res, 'podium_action') ?? '', /Max-Age=0/i);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { NextRequest } from 'next/server';
import { captureAudit } from '../../../lib/audit';
import { sessionKeySetting } from '../../../lib/config';
import { actionRoute } from '../../../lib/routes/guard';
import { getSession, unlock } from '../../../lib/routes/session';
import {
  csrfMatches,
  csrfTokenValid,
  newCsrfToken,
  resetSessionKey,
  sessionKey,
} from '../../../lib/routes/security';
import { deploymentParams, scaleBody } from '../../../lib/validation';
import { ORIGIN, ctx, errorOf, request, withEnv } from '../actions/helpers';

// Several replicas behind one Service: a browser's session must survive its requests landing on
// another replica. A "replica" here is the same code after resetSessionKey(), i.e. a fresh process
// reading the same environment: nothing else of the session lives in memory.

after(captureAudit(() => undefined));
afterEach(resetSessionKey);

const KEY_A = 'k'.repeat(20) + '-shared-secret-0123456789';
const KEY_B = 'z'.repeat(20) + '-another-secret-987654321';
const BASE = {
  PODIUM_SESSION_KEY_FILE: undefined,
  PODIUM_READ_ONLY: undefined,
  PODIUM_NAMESPACES: undefined,
  PODIUM_ALLOWED_ORIGINS: undefined,
  PODIUM_ACTION_TOKEN: 'class-2025',
};

/** Runs `fn` as a freshly started replica whose environment has this session key (or none). */
function onReplica<T>(key: string | undefined, fn: () => Promise<T> | T): Promise<T> {
  resetSessionKey();
  return withEnv({ ...BASE, PODIUM_SESSION_KEY: key }, fn);
}

const scale = actionRoute({
  action: 'scale',
  params: deploymentParams,
  target: (p) => p.name,
  body: (config) => scaleBody(config.maxReplicas),
  run: async ({ body }) => ({ data: { replicas: body.replicas }, detail: `replicas ${body.replicas}` }),
});

const cookieValue = (res: Response, name: string) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]
    ?.slice(name.length + 1);

/** What a browser holds after GET /api/session and a successful unlock on one replica. */
async function browserFrom(key: string | undefined) {
  return onReplica(key, async () => {
    const session = getSession(new NextRequest(new URL('/api/session', ORIGIN)));
    const csrf = ((await session.json()) as { csrfToken: string }).csrfToken;
    const unlocked = await unlock(
      request('/api/session/unlock', { csrfHeader: csrf, csrfCookie: csrf, body: { token: 'class-2025' } }),
    );
    assert.equal(unlocked.status, 200);
    return { csrf, action: cookieValue(unlocked, 'podium_action') ?? '' };
  });
}

const scaleWith = (b: { csrf: string; action: string }) =>
  scale(
    request('/api/namespaces/demo/deployments/web/scale', {
      csrfHeader: b.csrf,
      csrfCookie: b.csrf,
      cookies: { podium_action: b.action },
      body: { replicas: 2 },
    }),
    ctx({ namespace: 'demo', name: 'web' }),
  );

describe('the session key (PODIUM_SESSION_KEY)', () => {
  it('is read from the variable or from a file, and must be at least 32 characters', () => {
    assert.deepEqual(sessionKeySetting({ PODIUM_SESSION_KEY: ` ${KEY_A}\n` }), {
      key: KEY_A,
      source: 'PODIUM_SESSION_KEY',
    });
    const dir = mkdtempSync(join(tmpdir(), 'podium-key-'));
    writeFileSync(join(dir, 'session-key'), `${KEY_B}\n`);
    assert.deepEqual(sessionKeySetting({ PODIUM_SESSION_KEY_FILE: join(dir, 'session-key') }), {
      key: KEY_B,
      source: `PODIUM_SESSION_KEY_FILE=${join(dir, 'session-key')}`,
    });
    assert.deepEqual(sessionKeySetting({}), { key: null, source: null });
    assert.deepEqual(sessionKeySetting({ PODIUM_SESSION_KEY: '  ' }), { key: null, source: null });

    const short = sessionKeySetting({ PODIUM_SESSION_KEY: 'x'.repeat(31) });
    assert.ok(
      'error' in short && /31 characters long; it needs at least 32/.test(short.error),
      JSON.stringify(short),
    );
    const missing = sessionKeySetting({ PODIUM_SESSION_KEY_FILE: join(dir, 'nope') });
    assert.ok('error' in missing && /cannot read .*nope/.test(missing.error), JSON.stringify(missing));
    const both = sessionKeySetting({ PODIUM_SESSION_KEY: KEY_A, PODIUM_SESSION_KEY_FILE: 'x' });
    assert.ok('error' in both && /not both/.test(both.error));
  });

  it('refuses to run with a key that is too short, naming the variable (instrumentation.ts exits with it)', async () => {
    await onReplica('too-short', () => {
      assert.throws(() => sessionKey(), /PODIUM_SESSION_KEY is 9 characters long; it needs at least 32/);
      assert.throws(() => newCsrfToken(), /PODIUM_SESSION_KEY/);
    });
  });

  it('without a key, each process draws its own and says so once in its log', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const a = await onReplica(undefined, () => {
        sessionKey();
        sessionKey();
        return newCsrfToken();
      });
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, /PODIUM_SESSION_KEY is not set.*valid here only.*same PODIUM_SESSION_KEY/);
      assert.equal(await onReplica(undefined, () => csrfTokenValid(a)), false, 'another process rejects it');
    } finally {
      console.warn = warn;
    }
  });
});

describe('a browser moving between replicas', () => {
  it('with a shared key: CSRF token and unlock cookie from replica A act on replica B', async () => {
    const browser = await browserFrom(KEY_A);
    assert.ok(browser.action.length > 0 && !browser.action.includes('class-2025'));
    const res = await onReplica(KEY_A, () => scaleWith(browser));
    assert.equal(res.status, 200, JSON.stringify(await res.clone().json()));
    // and replica B's session keeps the browser's token and knows it is unlocked
    const session = await onReplica(KEY_A, () =>
      getSession(
        new NextRequest(new URL('/api/session', ORIGIN), {
          headers: { cookie: `podium_csrf=${browser.csrf}; podium_action=${browser.action}` },
        }),
      ),
    );
    const body = (await session.json()) as { csrfToken: string; unlocked: boolean };
    assert.equal(body.csrfToken, browser.csrf);
    assert.equal(body.unlocked, true);
  });

  it('with different keys (or none): replica B refuses with BadCsrf, then its session hands out a new token', async () => {
    for (const [a, b] of [
      [KEY_A, KEY_B],
      [undefined, undefined],
    ] as const) {
      const browser = await browserFrom(a);
      // everything below runs on the same replica B (one process: one key)
      await onReplica(b, async () => {
        const res = await scaleWith(browser);
        assert.equal(res.status, 403);
        assert.equal((await errorOf(res)).reason, 'BadCsrf');
        const session = getSession(
          new NextRequest(new URL('/api/session', ORIGIN), {
            headers: { cookie: `podium_csrf=${browser.csrf}` },
          }),
        );
        const token = ((await session.json()) as { csrfToken: string }).csrfToken;
        assert.notEqual(token, browser.csrf, 'the foreign token is replaced');
        assert.equal(csrfTokenValid(token), true);
        // with the new CSRF token the old unlock cookie still says "locked" there: unlock again
        const locked = await scaleWith({ csrf: token, action: browser.action });
        assert.equal(locked.status, 401);
        assert.equal((await errorOf(locked)).reason, 'Locked');
      });
    }
  });

  it('a planted cookie is refused even when the header repeats it (the signature, not equality, decides)', async () => {
    await onReplica(KEY_A, () => {
      const token = newCsrfToken();
      const [random] = token.split('.');
      const planted = `${random}.${'A'.repeat(43)}`;
      assert.equal(csrfMatches(token, token), true);
      assert.equal(csrfMatches(planted, planted), false);
      assert.equal(csrfMatches(token, newCsrfToken()), false, 'two valid tokens, but not the same');
    });
  });
});

import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { audit } from '../audit';
import { getConfig } from '../config';
import type { Session } from '../models/contract';
import { checkAccess, parseBody, Refusal } from './guard';
import { jsonError } from './responses';
import { unlockBody } from '../validation';
import { createUnlockLimiter, type UnlockLimiter } from './unlock-limit';
import {
  ACTION_COOKIE,
  CSRF_COOKIE,
  actionCookieValid,
  actionCookieValue,
  actionTokenMatches,
  csrfTokenValid,
  newCsrfToken,
} from './security';

// The browser's session with Podium (the Session of lib/models/contract.ts): a CSRF token (signed
// double submit: the same value in an HttpOnly cookie and, via this JSON, in the CSRF_HEADER of
// every action), and when PODIUM_ACTION_TOKEN is set, whether this browser has unlocked actions.
// Nothing is kept on the server: both cookies are checked against the session key alone, so any
// replica sharing PODIUM_SESSION_KEY accepts them (see security.ts).

function cookieOptions(req: NextRequest) {
  const https = (req.headers.get('x-forwarded-proto') ?? req.nextUrl.protocol).startsWith('https');
  return { httpOnly: true, sameSite: 'strict' as const, path: '/', secure: https };
}

export function getSession(req: NextRequest): NextResponse<Session> {
  const config = getConfig();
  // Keep a token this browser already has, so a second tab does not invalidate the first; one
  // signed with another key (a replica without the shared key, a rotated key) is replaced.
  const existing = req.cookies.get(CSRF_COOKIE)?.value;
  const csrfToken = csrfTokenValid(existing) ? existing : newCsrfToken();
  const body: Session = {
    csrfToken,
    readOnly: config.readOnly,
    actionTokenRequired: config.actionToken !== null,
    unlocked:
      config.actionToken === null ||
      actionCookieValid(req.cookies.get(ACTION_COOKIE)?.value, config.actionToken),
    maxReplicas: config.maxReplicas,
    classMode: config.classMode,
  };
  const res = NextResponse.json(body, { headers: { 'Cache-Control': 'no-store' } });
  res.cookies.set(CSRF_COOKIE, csrfToken, cookieOptions(req));
  return res;
}

const g = globalThis as typeof globalThis & { __podiumUnlockLimiter?: UnlockLimiter };
const limiter = (): UnlockLimiter => (g.__podiumUnlockLimiter ??= createUnlockLimiter());

function refuse(action: string, err: Refusal) {
  audit({
    action,
    namespace: '',
    name: '',
    outcome: 'refused',
    status: err.status,
    detail: `${err.reason}: ${err.message}`,
  });
  return jsonError(err.status, err.reason, err.message);
}

export async function unlock(req: NextRequest): Promise<NextResponse> {
  const config = getConfig();
  try {
    const refusal = checkAccess(req, config, { readOnly: false, token: false });
    if (refusal) throw refusal;
    if (!config.actionToken)
      throw new Refusal(
        409,
        'NoActionToken',
        'no action token is configured (PODIUM_ACTION_TOKEN): actions need no unlocking',
      );
    const now = Date.now();
    // checkAccess has verified the CSRF cookie: it names this browser
    const browser = req.cookies.get(CSRF_COOKIE)?.value ?? '';
    const blocked = limiter().blocked(browser, now);
    if (blocked) {
      const who = blocked === 'browser' ? 'from this browser' : 'from many browsers';
      throw new Refusal(429, 'TooManyAttempts', `too many wrong tokens ${who}: wait a minute and try again`);
    }
    const { token } = await parseBody(req, unlockBody, false);
    if (!actionTokenMatches(token, config.actionToken)) {
      limiter().fail(browser, now);
      throw new Refusal(401, 'BadToken', 'wrong action token');
    }
    audit({ action: 'unlock', namespace: '', name: '', outcome: 'ok', status: 200, detail: 'unlocked' });
    const res = NextResponse.json({ unlocked: true }, { headers: { 'Cache-Control': 'no-store' } });
    res.cookies.set(ACTION_COOKIE, actionCookieValue(config.actionToken), cookieOptions(req));
    return res;
  } catch (err) {
    if (err instanceof Refusal) return refuse('unlock', err);
    throw err;
  }
}

export function lock(req: NextRequest): NextResponse {
  const refusal = checkAccess(req, getConfig(), { readOnly: false, token: false });
  if (refusal) return refuse('lock', refusal);
  audit({ action: 'lock', namespace: '', name: '', outcome: 'ok', status: 200, detail: 'locked' });
  const res = NextResponse.json({ unlocked: false }, { headers: { 'Cache-Control': 'no-store' } });
  res.cookies.set(ACTION_COOKIE, '', { ...cookieOptions(req), maxAge: 0 });
  return res;
}

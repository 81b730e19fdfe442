import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sessionKeySetting } from '../config';

// The checks every mutating request passes, as small functions of plain values so they can be
// tested without a server. See guard.ts for the order they run in.

export const CSRF_COOKIE = 'podium_csrf';
export const ACTION_COOKIE = 'podium_action';

const g = globalThis as typeof globalThis & { __podiumSessionKey?: SessionKey };

interface SessionKey {
  key: Buffer;
  /** where it came from, or null for the per-process random fallback */
  source: string | null;
}

/**
 * The key that signs CSRF tokens and unlock cookies, read once per process. Shared through a
 * Secret (PODIUM_SESSION_KEY or PODIUM_SESSION_KEY_FILE), a token minted by one replica is valid
 * on every other; without one each process draws its own and says so, since then a browser whose
 * requests land on another replica must fetch a new token and unlock again. A key that is set but
 * unusable (too short, unreadable file) throws: instrumentation.ts stops the server with this
 * message rather than run with sessions that break at random behind a Service.
 */
export function sessionKey(): SessionKey {
  if (g.__podiumSessionKey) return g.__podiumSessionKey;
  const setting = sessionKeySetting();
  if ('error' in setting) throw new Error(`[podium] ${setting.error}`);
  if (setting.key === null) {
    console.warn(
      '[podium] PODIUM_SESSION_KEY is not set: CSRF tokens and unlock cookies are signed with a random key of this process, valid here only. Running more than one replica? Give them all the same PODIUM_SESSION_KEY (at least 32 characters) from a Secret.',
    );
    g.__podiumSessionKey = { key: randomBytes(32), source: null };
  } else {
    g.__podiumSessionKey = { key: Buffer.from(setting.key, 'utf8'), source: setting.source };
  }
  return g.__podiumSessionKey;
}

/**
 * At start (instrumentation.ts): Podium refuses to run with an unusable session key. A Deployment
 * whose pods crash with the reason in `kubectl logs` is easier to fix than replicas that each fall
 * back to a key of their own and turn every other action into "BadCsrf" or "Locked".
 */
export function startupCheck(): void {
  try {
    const { source } = sessionKey();
    if (source)
      console.log(`[podium] session key from ${source}: tokens are valid on every replica that shares it`);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}

/** For tests: read the key from the environment again at the next use. */
export function resetSessionKey(): void {
  g.__podiumSessionKey = undefined;
}

/** HMAC-SHA256 under the session key, with a purpose label so a MAC of one kind never passes as another. */
function mac(purpose: 'csrf' | 'action' | 'compare', value: string): Buffer {
  return createHmac('sha256', sessionKey().key).update(`podium-${purpose}\0${value}`, 'utf8').digest();
}

/**
 * Constant-time string equality: both sides are HMACed first, so the comparison runs over two
 * equal-length digests whatever the inputs' lengths (timingSafeEqual throws on unequal lengths).
 */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(mac('compare', a), mac('compare', b));
}

/**
 * A signed double-submit token (OWASP's CSRF cheat sheet): 32 random bytes, a dot, and their HMAC
 * under the session key, both base64url. Any replica holding the key can tell one of ours from a
 * value an attacker planted in the cookie (e.g. from a sibling subdomain).
 */
export function newCsrfToken(): string {
  const random = randomBytes(32).toString('base64url');
  return `${random}.${mac('csrf', random).toString('base64url')}`;
}

/** A value shaped like one of our CSRF tokens (the signature is not checked: see csrfTokenValid). */
export function isCsrfToken(value: string | undefined | null): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/.test(value);
}

/** One of our tokens, signed with this key (so minted by this replica or a sibling sharing the key). */
export function csrfTokenValid(value: string | undefined | null): value is string {
  if (!isCsrfToken(value)) return false;
  const [random = '', signature = ''] = value.split('.');
  return timingSafeEqual(Buffer.from(signature, 'base64url'), mac('csrf', random));
}

/** Signed double submit: header and cookie equal, and the token's signature valid under the key. */
export function csrfMatches(header: string | null, cookie: string | undefined): boolean {
  if (!isCsrfToken(header) || !isCsrfToken(cookie)) return false;
  return safeEqual(header, cookie) && csrfTokenValid(cookie);
}

/** The value of the podium_action cookie after a successful unlock: HMAC(key, token), never the token. */
export function actionCookieValue(token: string): string {
  return mac('action', token).toString('base64url');
}

export function actionTokenMatches(given: string, expected: string): boolean {
  return safeEqual(given, expected);
}

export function actionCookieValid(cookie: string | undefined, expectedToken: string): boolean {
  if (!cookie) return false;
  return safeEqual(cookie, actionCookieValue(expectedToken));
}

export interface OriginFacts {
  /** the Origin request header */
  origin: string | null;
  /** the URL the server saw (may be the internal address behind a proxy) */
  url: string;
  host: string | null;
  forwardedHost: string | null;
  forwardedProto: string | null;
}

/** The origins this request may come from: its own (as the browser sees it) and the configured ones. */
export function ownOrigins(f: OriginFacts): Set<string> {
  const url = new URL(f.url);
  const proto = (f.forwardedProto?.split(',')[0]?.trim() || url.protocol.replace(/:$/, '')).toLowerCase();
  const out = new Set<string>([url.origin]);
  for (const host of [f.host, f.forwardedHost?.split(',')[0]?.trim()]) {
    if (host) out.add(`${proto}://${host.toLowerCase()}`);
  }
  return out;
}

/** Origin must be present and equal the request's own origin or one listed in PODIUM_ALLOWED_ORIGINS. */
export function originAllowed(f: OriginFacts, allowed: string[]): boolean {
  if (!f.origin || f.origin === 'null') return false;
  const origin = f.origin.toLowerCase().replace(/\/$/, '');
  if (ownOrigins(f).has(origin)) return true;
  return allowed.some((a) => a.toLowerCase().replace(/\/$/, '') === origin);
}

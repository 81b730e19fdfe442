import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// The checks every mutating request passes, as small functions of plain values so they can be
// tested without a server. See guard.ts for the order they run in.

export const CSRF_COOKIE = 'podium_csrf';
export const ACTION_COOKIE = 'podium_action';

const g = globalThis as typeof globalThis & { __podiumSecret?: Buffer };
/** Per-process random key: the action cookie is an HMAC under it, so the token never leaves the server. */
function secret(): Buffer {
  g.__podiumSecret ??= randomBytes(32);
  return g.__podiumSecret;
}

function hmac(value: string): Buffer {
  return createHmac('sha256', secret()).update(value, 'utf8').digest();
}

/**
 * Constant-time string equality: both sides are HMACed first, so the comparison runs over two
 * equal-length digests whatever the inputs' lengths (timingSafeEqual throws on unequal lengths).
 */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(hmac(a), hmac(b));
}

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A cookie value that may be one of our CSRF tokens (32 random bytes, base64url). */
export function isCsrfToken(value: string | undefined | null): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** Double submit: the header must equal the cookie, and both must be present and well formed. */
export function csrfMatches(header: string | null, cookie: string | undefined): boolean {
  if (!isCsrfToken(header) || !isCsrfToken(cookie)) return false;
  return safeEqual(header, cookie);
}

/** The value of the podium_action cookie after a successful unlock: never the token itself. */
export function actionCookieValue(token: string): string {
  return createHmac('sha256', secret()).update(`podium-action:${token}`, 'utf8').digest('base64url');
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

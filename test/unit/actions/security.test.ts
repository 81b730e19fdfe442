import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  actionCookieValid,
  actionCookieValue,
  actionTokenMatches,
  csrfMatches,
  isCsrfToken,
  newCsrfToken,
  originAllowed,
  safeEqual,
} from '../../../lib/routes/security';

const facts = (origin: string | null, extra: Partial<Parameters<typeof originAllowed>[0]> = {}) => ({
  origin,
  url: 'http://localhost:3000/api/namespaces/demo/deployments/web/scale',
  host: 'localhost:3000',
  forwardedHost: null,
  forwardedProto: null,
  ...extra,
});

describe('origin check', () => {
  it('accepts the request’s own origin', () => {
    assert.equal(originAllowed(facts('http://localhost:3000'), []), true);
  });
  it('refuses a missing, "null" or foreign origin', () => {
    assert.equal(originAllowed(facts(null), []), false);
    assert.equal(originAllowed(facts('null'), []), false);
    assert.equal(originAllowed(facts('http://evil.example'), []), false);
    assert.equal(originAllowed(facts('http://localhost:3001'), []), false);
    assert.equal(originAllowed(facts('https://localhost:3000'), []), false, 'scheme is part of the origin');
    assert.equal(originAllowed(facts('http://localhost:3000.evil.example'), []), false);
  });
  it('accepts the browser-facing origin behind a proxy (x-forwarded-host/proto)', () => {
    const f = facts('https://podium.example.org', {
      url: 'http://10.0.0.5:3000/api/x',
      host: '10.0.0.5:3000',
      forwardedHost: 'podium.example.org',
      forwardedProto: 'https',
    });
    assert.equal(originAllowed(f, []), true);
  });
  it('accepts origins listed in PODIUM_ALLOWED_ORIGINS, exactly', () => {
    assert.equal(originAllowed(facts('https://teacher.example'), ['https://teacher.example/']), true);
    assert.equal(originAllowed(facts('https://teacher.example.evil'), ['https://teacher.example']), false);
  });
});

describe('CSRF double submit', () => {
  const token = newCsrfToken();
  it('makes signed tokens (43 + 1 + 43 base64url characters), different every time', () => {
    assert.equal(isCsrfToken(token), true);
    assert.match(token, /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    assert.notEqual(newCsrfToken(), token);
  });
  it('matches only when header and cookie are equal and well formed', () => {
    assert.equal(csrfMatches(token, token), true);
    assert.equal(csrfMatches(token, newCsrfToken()), false);
    assert.equal(csrfMatches(null, token), false);
    assert.equal(csrfMatches(token, undefined), false);
    assert.equal(csrfMatches('', ''), false);
    assert.equal(csrfMatches('x', 'x'), false, 'equal but not one of our tokens');
    assert.equal(csrfMatches(token.slice(0, 42), token), false);
    const unsigned = `${token.split('.')[0]}.${'A'.repeat(43)}`;
    assert.equal(csrfMatches(unsigned, unsigned), false, 'equal and well formed, but not signed by us');
  });
});

describe('action token', () => {
  it('compares in constant time whatever the lengths', () => {
    assert.equal(safeEqual('abc', 'abc'), true);
    assert.equal(safeEqual('abc', 'abcd'), false);
    assert.equal(safeEqual('', 'a'.repeat(10_000)), false);
    assert.equal(actionTokenMatches('s3cret-token', 's3cret-token'), true);
    assert.equal(actionTokenMatches('s3cret-toke', 's3cret-token'), false);
  });
  it('keeps an HMAC in the cookie, never the token', () => {
    const value = actionCookieValue('s3cret-token');
    assert.ok(!value.includes('s3cret'));
    assert.match(value, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(actionCookieValid(value, 's3cret-token'), true);
    assert.equal(
      actionCookieValid(value, 'other-token'),
      false,
      'a cookie from before the token changed stops working',
    );
    assert.equal(
      actionCookieValid('s3cret-token', 's3cret-token'),
      false,
      'the raw token is not a valid cookie',
    );
    assert.equal(actionCookieValid(undefined, 's3cret-token'), false);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hostAllowed, hostName, parseAllowedHosts } from '../../../lib/routes/hosts';

describe('Host allowlist (DNS rebinding)', () => {
  it('answers loopback names with any port', () => {
    for (const h of [
      'localhost:3000',
      '127.0.0.1:3100',
      '[::1]:3000',
      'LOCALHOST',
      'podium.localhost:3000',
    ]) {
      assert.equal(hostAllowed(h, []), true, h);
    }
  });
  it('refuses other names unless listed', () => {
    assert.equal(hostAllowed('evil.example:3000', []), false);
    assert.equal(hostAllowed('127.0.0.1.evil.example', []), false);
    assert.equal(hostAllowed('localhost.evil.example', []), false);
    assert.equal(hostAllowed(null, []), false);
    assert.equal(hostAllowed('podium.example.org', parseAllowedHosts(' podium.example.org , other ')), true);
    assert.equal(hostAllowed('anything', ['*']), true);
  });
  it('takes the name out of a Host header', () => {
    assert.equal(hostName('Example.COM:8080'), 'example.com');
    assert.equal(hostName('[::1]:3000'), '[::1]');
  });
});

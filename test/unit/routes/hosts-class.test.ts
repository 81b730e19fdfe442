import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NextRequest } from 'next/server';
import { proxy } from '../../../proxy';
import { allowedHosts, hostAllowed } from '../../../lib/routes/hosts';
import { withEnv } from '../actions/helpers';

// Class mode widens the Host allowlist to the class's addresses (IP literals of this machine and
// PODIUM_CLASS_ADDRESS) and nothing else: a DNS name pointed at this machine is still refused.

const LAN = () => ['192.168.1.23', '10.0.0.5'];

describe('Host allowlist in class mode', () => {
  it('answers the LAN addresses and the class address, with any port', () => {
    const allowed = allowedHosts({ PODIUM_CLASS: '1', PODIUM_CLASS_ADDRESS: '192.0.2.10' }, LAN);
    for (const h of ['192.168.1.23:3000', '10.0.0.5', '192.0.2.10:3000', '127.0.0.1:3000', 'localhost'])
      assert.equal(hostAllowed(h, allowed), true, h);
  });

  it('still refuses every other Host (DNS rebinding), and a LAN address outside class mode', () => {
    const allowed = allowedHosts({ PODIUM_CLASS: '1', PODIUM_CLASS_ADDRESS: '192.0.2.10' }, LAN);
    for (const h of [
      'evil.example',
      '192.168.1.23.evil.example',
      '192.0.2.11:3000',
      '192.168.1.2',
      '',
      'rebind.192.0.2.10.nip.example',
    ])
      assert.equal(hostAllowed(h, allowed), false, h);
    const off = allowedHosts({ PODIUM_CLASS_ADDRESS: '192.0.2.10' }, LAN);
    assert.equal(hostAllowed('192.168.1.23:3000', off), false);
    assert.equal(hostAllowed('192.0.2.10:3000', off), false);
  });

  it('does not read the interfaces outside class mode, and keeps PODIUM_ALLOWED_HOSTS in it', () => {
    let read = 0;
    const lan = () => (read++, LAN());
    assert.deepEqual(allowedHosts({ PODIUM_ALLOWED_HOSTS: 'podium.example' }, lan), ['podium.example']);
    assert.equal(read, 0);
    assert.deepEqual(allowedHosts({ PODIUM_CLASS: '1', PODIUM_ALLOWED_HOSTS: 'podium.example' }, lan), [
      'podium.example',
      '192.168.1.23',
      '10.0.0.5',
    ]);
    assert.equal(read, 1);
  });

  it('proxy.ts lets the class address through and answers any other Host 403 HostNotAllowed', async () => {
    const env = { PODIUM_CLASS: '1', PODIUM_CLASS_ADDRESS: '192.0.2.10', PODIUM_ALLOWED_HOSTS: undefined };
    const at = (host: string) => new NextRequest(new URL(`http://${host}/ns/demo`), { headers: { host } });
    const ok = await withEnv(env, () => proxy(at('192.0.2.10:3000')));
    assert.equal(ok.headers.get('x-middleware-next'), '1');
    const refused = await withEnv(env, () => proxy(at('evil.example:3000')));
    assert.equal(refused.status, 403);
    const body = (await refused.json()) as { error: { reason: string; message: string } };
    assert.equal(body.error.reason, 'HostNotAllowed');
    assert.match(body.error.message, /PODIUM_CLASS_ADDRESS/);
    const outside = await withEnv({ ...env, PODIUM_CLASS: undefined }, () => proxy(at('192.0.2.10:3000')));
    assert.equal(outside.status, 403);
  });
});

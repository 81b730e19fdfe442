import assert from 'node:assert/strict';
import type { NetworkInterfaceInfo } from 'node:os';
import { describe, it } from 'node:test';
import {
  classBanner,
  classHosts,
  classStartup,
  classSettings,
  lanAddresses,
  newClassToken,
  parseClassAddress,
  studentLink,
  type LinkFacts,
} from '../../../lib/class-mode';
import { getConfig } from '../../../lib/config';
import { withEnv } from '../actions/helpers';
import { studentPath } from '../../../lib/validation';

// Class mode's pure parts: which addresses a class is shown and allowed, the override, and the
// rule that a loopback address never reaches the projector.

function iface(address: string, family: 'IPv4' | 'IPv6' = 'IPv4', internal = false): NetworkInterfaceInfo {
  const common = { address, netmask: '255.255.255.0', mac: '02:00:00:00:00:01', internal, cidr: null };
  return family === 'IPv4' ? { ...common, family } : { ...common, family, scopeid: 0 };
}

// a teacher's laptop: loopback, Wi-Fi, a link-local leftover, docker, a VPN, the local cluster's bridges
const LAPTOP: NodeJS.Dict<NetworkInterfaceInfo[]> = {
  lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
  docker0: [iface('172.17.0.1')],
  wlp2s0: [iface('192.168.1.23'), iface('fe80::1', 'IPv6'), iface('2001:db8::23', 'IPv6')],
  enp0s31f6: [iface('169.254.10.2')],
  eth1: [iface('198.51.100.7')],
  tailscale0: [iface('100.101.102.103')],
  podium0: [iface('10.254.0.1')],
  'cni-podium': [iface('10.244.200.1')],
};

const UNSET = { PODIUM_CLASS: undefined, PODIUM_ACTION_TOKEN: undefined, PODIUM_CLASS_ADDRESS: undefined };
/** getConfig() with exactly these class settings in the environment. */
const config = (vars: Record<string, string>) => withEnv({ ...UNSET, ...vars }, () => getConfig());

const LOOPBACK = /\/\/(127\.|localhost|\[::1\]|0\.0\.0\.0)/;

function facts(env: NodeJS.Dict<string>, lan: string[], host: string | null = '127.0.0.1:3000'): LinkFacts {
  return { settings: classSettings(env), lan, port: 3000, host, proto: 'http' };
}

describe('class mode: the addresses students are given', () => {
  it('picks physical IPv4 addresses, private ones first, never loopback, link-local or a bridge', () => {
    assert.deepEqual(lanAddresses(LAPTOP), ['192.168.1.23', '198.51.100.7']);
    assert.deepEqual(lanAddresses({ lo: [iface('127.0.0.1', 'IPv4', true)] }), []);
  });

  it('shows the first LAN address with the path, and the others as alternatives', () => {
    const link = studentLink('/ns/demo/deployments/web', facts({ PODIUM_CLASS: '1' }, lanAddresses(LAPTOP)));
    assert.deepEqual(link, {
      url: 'http://192.168.1.23:3000/ns/demo/deployments/web',
      alternatives: ['http://198.51.100.7:3000/ns/demo/deployments/web'],
      source: 'lan',
      reason: null,
    });
  });

  it('PODIUM_CLASS_ADDRESS wins, with its own port when it has one', () => {
    const env = { PODIUM_CLASS: 'yes', PODIUM_CLASS_ADDRESS: '192.0.2.10' };
    assert.equal(studentLink('/ns/a', facts(env, ['192.168.1.23'])).url, 'http://192.0.2.10:3000/ns/a');
    const named = { PODIUM_CLASS: 'on', PODIUM_CLASS_ADDRESS: 'Podium.Local:8080' };
    assert.equal(studentLink('/', facts(named, [])).url, 'http://podium.local:8080/');
    assert.equal(
      studentLink('/', facts({ ...named, PODIUM_CLASS_ADDRESS: 'room-12:80' }, [])).url,
      'http://room-12/',
    );
  });

  it('refuses an override that is loopback or not a host, and then offers no link but the reason', () => {
    for (const bad of ['127.0.0.1', 'localhost', 'LOCALHOST:3000', 'app.localhost', '0.0.0.0', '[::1]']) {
      assert.throws(() => parseClassAddress(bad), /loopback|not a host name/, bad);
    }
    for (const bad of [
      'http://192.168.1.2',
      '192.168.1.2/x',
      'a b',
      'host:99999',
      'host:',
      '-bad-.example',
    ]) {
      assert.throws(() => parseClassAddress(bad), /not a host name or IPv4 address/, bad);
    }
    const link = studentLink(
      '/',
      facts({ PODIUM_CLASS: '1', PODIUM_CLASS_ADDRESS: '127.0.0.1' }, ['192.168.1.23']),
    );
    assert.equal(link.url, null);
    assert.match(link.reason ?? '', /loopback address: students' laptops cannot open it/);
  });

  it('with no network at all, says so instead of showing a loopback URL', () => {
    const link = studentLink('/ns/a', facts({ PODIUM_CLASS: '1' }, []));
    assert.equal(link.url, null);
    assert.match(link.reason ?? '', /no address on a network/);
    const bound = studentLink('/', facts({ PODIUM_CLASS: '1', PODIUM_BIND: '127.0.0.1' }, ['192.168.1.23']));
    assert.equal(bound.url, null);
    assert.match(bound.reason ?? '', /listens on 127\.0\.0\.1 only/);
    const chosen = studentLink('/', facts({ PODIUM_CLASS: '1', PODIUM_BIND: '192.168.1.23' }, ['10.0.0.5']));
    assert.equal(chosen.url, 'http://192.168.1.23:3000/');
  });

  it('outside class mode: a real Host (an ingress) is shown, a loopback one never', () => {
    assert.equal(
      studentLink('/ns/a', facts({}, [], 'podium.school.example')).url,
      'http://podium.school.example/ns/a',
    );
    for (const host of ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000', 'x.localhost', null]) {
      const link = studentLink('/ns/a', facts({}, ['192.168.1.23'], host));
      assert.equal(link.url, null, String(host));
      assert.match(link.reason ?? '', /scripts\/start\.sh --class/);
    }
  });

  it('never shows a loopback URL, whatever the settings', () => {
    const envs: NodeJS.Dict<string>[] = [
      {},
      { PODIUM_CLASS: '1' },
      { PODIUM_CLASS: '1', PODIUM_BIND: '127.0.0.1' },
      { PODIUM_CLASS: '1', PODIUM_BIND: '::' },
      { PODIUM_CLASS: '1', PODIUM_CLASS_ADDRESS: 'localhost' },
      { PODIUM_CLASS: '1', PODIUM_CLASS_ADDRESS: '127.0.0.2:3000' },
    ];
    for (const env of envs)
      for (const lan of [[], lanAddresses(LAPTOP)])
        for (const host of ['127.0.0.1:3000', 'localhost', '[::1]:3000']) {
          const link = studentLink('/', facts(env, lan, host));
          for (const u of [link.url ?? '', ...link.alternatives])
            assert.doesNotMatch(u, LOOPBACK, JSON.stringify(env));
        }
  });
});

describe('class mode: settings', () => {
  it('is switched on by PODIUM_CLASS only', async () => {
    assert.equal(classSettings({}).enabled, false);
    assert.equal(classSettings({ PODIUM_CLASS: '0' }).enabled, false);
    for (const v of ['1', 'true', 'YES', 'on'])
      assert.equal(classSettings({ PODIUM_CLASS: v }).enabled, true, v);
    assert.equal((await config({ PODIUM_CLASS: '1' })).classMode, true);
    assert.equal((await config({})).classMode, false);
  });

  it('is never open to everyone: without PODIUM_ACTION_TOKEN a token is drawn once per process', async () => {
    const a = (await config({ PODIUM_CLASS: '1' })).actionToken;
    const b = (await config({ PODIUM_CLASS: '1' })).actionToken;
    assert.match(a ?? '', /^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
    assert.equal(a, b);
    assert.equal((await config({ PODIUM_CLASS: '1', PODIUM_ACTION_TOKEN: ' mine ' })).actionToken, 'mine');
    assert.equal((await config({})).actionToken, null);
    assert.notEqual(newClassToken(), newClassToken());
  });

  it('allows the class address, a chosen bind address and the LAN addresses as Host names', () => {
    const lan = lanAddresses(LAPTOP);
    assert.deepEqual(classHosts(classSettings({}), lan), []);
    assert.deepEqual(classHosts(classSettings({ PODIUM_CLASS: '1' }), lan), ['192.168.1.23', '198.51.100.7']);
    assert.deepEqual(
      classHosts(
        classSettings({ PODIUM_CLASS: '1', PODIUM_CLASS_ADDRESS: 'podium.local', PODIUM_BIND: '10.1.2.3' }),
        [],
      ),
      ['podium.local', '10.1.2.3'],
    );
  });
});

describe('the pages a class can be sent to', () => {
  it('accepts Podium pages only', () => {
    for (const p of [
      '/',
      '/ns/demo',
      '/ns/demo/deployments/web.v2',
      '/ns/demo/lessons',
      '/ns/lesson-a/lessons/first-class',
    ])
      assert.equal(studentPath.safeParse(p).success, true, p);
    for (const p of [
      '',
      'ns/demo',
      '//evil.example/x',
      '/ns/Demo',
      '/ns/demo/secrets/x',
      '/ns/demo/deployments/web/projector',
      'https://evil.example',
      '/ns/demo/deployments/',
      '/ns/a/lessons/x/y',
    ])
      assert.equal(studentPath.safeParse(p).success, false, p);
  });
});

describe('the teacher terminal at start', () => {
  function printed(env: NodeJS.Dict<string>, lan: string[]): { out: string; exit: number | null } {
    const log = console.log;
    const error = console.error;
    const exit = process.exit;
    let out = '';
    let code: number | null = null;
    console.log = console.error = (...a: unknown[]) => void (out += a.join(' ') + '\n');
    process.exit = ((c?: number) => {
      code = c ?? 0;
      throw new Error('exit');
    }) as typeof process.exit;
    try {
      classStartup(env, () => lan);
    } catch (err) {
      if ((err as Error).message !== 'exit') throw err;
    } finally {
      console.log = log;
      console.error = error;
      process.exit = exit;
    }
    return { out, exit: code };
  }

  it('prints the students address and the drawn token, nothing outside class mode', () => {
    const { out } = printed({ PODIUM_CLASS: '1', PORT: '3100' }, ['192.168.1.23', '10.0.0.5']);
    assert.match(
      out,
      /students open: +http:\/\/192\.168\.1\.23:3100\/ +\(also http:\/\/10\.0\.0\.5:3100\/\)/,
    );
    assert.match(out, /action token: +[0-9a-z]{4}(-[0-9a-z]{4}){3} +\(drawn for this start/);
    assert.match(out, /you open: +http:\/\/127\.0\.0\.1:3100/);
    assert.equal(printed({ PORT: '3100' }, ['192.168.1.23']).out, '');
  });

  it('never prints a token that was given, and says when students cannot reach it', () => {
    const { out } = printed({ PODIUM_CLASS: '1', PODIUM_ACTION_TOKEN: 'secret-of-mine' }, []);
    assert.doesNotMatch(out, /secret-of-mine/);
    assert.match(out, /students cannot open it yet: .*no address on a network/);
    assert.match(
      classBanner({ url: null, alternatives: [], source: 'none', reason: 'x' }, 3000, null),
      /your PODIUM_ACTION_TOKEN/,
    );
  });

  it('stops the server on an unusable PODIUM_CLASS_ADDRESS, with the reason', () => {
    const { out, exit } = printed({ PODIUM_CLASS: '1', PODIUM_CLASS_ADDRESS: 'http://x' }, []);
    assert.equal(exit, 1);
    assert.match(out, /PODIUM_CLASS_ADDRESS="http:\/\/x" is not a host name/);
  });
});

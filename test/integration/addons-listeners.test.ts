// The add-ons (scripts/cluster/addons.sh) listen nowhere on this machine but loopback: CoreDNS and
// Traefik listen inside their pods' network namespaces, the gateway's NodePort is an nftables rule
// on the pod bridge (no socket), and the only socket in the machine's namespace is the loopback
// relay. Every listener of the cluster's own processes (pid files) is on 127.0.0.1 or on the
// project's veth address 10.254.0.1 (API server relay, kubelet); `ss -ltnuHp` is parsed as it runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLUSTER_DIR } from '../helpers/cluster';
import { GATEWAY_ENTRY, waitForGateway } from '../helpers/gateway';
import { NO_REAL_NODE, expectRealNode } from '../helpers/real-node';

interface Listener {
  proto: string;
  address: string;
  port: number;
  pids: number[];
}

/** `ss -ltnuHp`: every listening TCP socket and bound UDP socket of this network namespace. */
function listeners(): Listener[] {
  return execFileSync('ss', ['-ltnuHp'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const f = line.trim().split(/\s+/);
      const local = f[4] ?? '';
      const i = local.lastIndexOf(':');
      return {
        proto: f[0] ?? '',
        address: local
          .slice(0, i)
          .replace(/^\[|\]$/g, '')
          .replace(/%.*$/, ''),
        port: Number(local.slice(i + 1)),
        pids: [...line.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])),
      };
    });
}

const LOOPBACK = /^(127\.|::1$)/;

describe('listeners of the cluster and its add-ons', () => {
  it('are on loopback (or the project veth), never on another address', async (t) => {
    if (!(await expectRealNode())) return t.skip(NO_REAL_NODE);
    await waitForGateway();
    const pidsDir = join(CLUSTER_DIR, 'pids');
    const ours = new Map<number, string>();
    for (const f of readdirSync(pidsDir).filter((n) => n.endsWith('.pid'))) {
      ours.set(Number(readFileSync(join(pidsDir, f), 'utf8').trim()), f.replace(/\.pid$/, ''));
    }
    assert.ok([...ours.values()].includes('gateway-relay'), 'the gateway relay runs (addons.sh up)');
    const all = listeners();

    const relayPid = [...ours].find(([, n]) => n === 'gateway-relay')![0];
    const relay = all.filter((l) => l.pids.includes(relayPid));
    assert.deepEqual(
      relay.map((l) => `${l.proto} ${l.address}:${l.port}`),
      [`tcp 127.0.0.1:${GATEWAY_ENTRY.port}`],
    );

    for (const l of all.filter((x) => x.pids.some((p) => ours.has(p)))) {
      const who = l.pids.map((p) => ours.get(p)).join(',');
      assert.ok(
        LOOPBACK.test(l.address) || l.address === '10.254.0.1',
        `${who} listens on ${l.address}:${l.port}`,
      );
    }
    // the pods' ports (CoreDNS 1053, Traefik 8000) and the NodePort are no sockets of this namespace
    for (const port of [1053, 8000, 30880]) {
      assert.deepEqual(
        all.filter((l) => l.port === port).map((l) => `${l.proto} ${l.address}:${l.port}`),
        [],
        `port ${port}`,
      );
    }
  });
});

// `node.sh down` (run by `npm run cluster:down`) leaves nothing of the real node behind, also after a
// crash: no process, mount, cgroup, bridge, nftables table or changed sysctl. The test crashes the
// node's kubelet and containerd with SIGKILL while a container runs, cleans up, checks, and brings
// the node back for the tests after it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLUSTER_DIR, ROOT, apply, testNamespace, waitFor } from '../helpers/cluster';
import { GATEWAY_ENTRY } from '../helpers/gateway';
import { demoDeployment, isReady, podsOf } from '../helpers/real-node';

const ns = testNamespace('nodeclean');
const node = (...args: string[]) =>
  execFileSync('bash', [join(ROOT, 'scripts/cluster/node.sh'), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const sysctl = (k: string) => execFileSync('sysctl', ['-n', k], { encoding: 'utf8' }).trim();

describe('real node clean-up', () => {
  it('after a crash, down removes every process, mount, cgroup, bridge, nft table and restores the sysctls', async () => {
    await apply(ns.name, demoDeployment('victim', { replicas: 2 }));
    await waitFor(
      '2 running containers',
      async () => (await podsOf(ns.name, 'app=victim')).filter(isReady).length === 2,
      120_000,
      500,
    );
    const saved = readFileSync(join(CLUSTER_DIR, 'sysctl.saved'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split('=') as [string, string]);
    assert.ok(saved.length === 3);
    // the crash: the kubelet and containerd die at once; the shims and the app processes live on
    for (const c of ['kubelet', 'containerd']) {
      const pid = readFileSync(join(CLUSTER_DIR, 'pids', `${c}.pid`), 'utf8').trim();
      execFileSync('kill', ['-9', pid]);
    }
    const shims = execFileSync('pgrep', ['-f', `containerd-shim-runc-v2 .*-address ${CLUSTER_DIR}/node/`], {
      encoding: 'utf8',
    });
    assert.ok(shims.trim().length > 0, 'container shims still run after the crash');

    try {
      await cleanUpAndCheck(saved);
    } finally {
      node('up'); // the tests after this one need the node back, whatever happened
      node('wait', '120');
    }
    await waitFor(
      'the pods back on the node',
      async () => (await podsOf(ns.name, 'app=victim')).filter(isReady).length === 2,
      180_000,
      1_000,
    );
  });
});

async function cleanUpAndCheck(saved: [string, string][]): Promise<void> {
  node('down');
  let leftovers = '';
  try {
    node('status');
  } catch (err) {
    leftovers = (err as { stdout?: string }).stdout ?? String(err);
  }
  assert.equal(leftovers, '', `left behind: ${leftovers}`);
  // the gateway's loopback entry (addons.sh's relay) went with the node: nothing listens on it
  assert.doesNotMatch(
    execFileSync('ss', ['-ltnH'], { encoding: 'utf8' }),
    new RegExp(`:${GATEWAY_ENTRY.port}\\s`),
  );
  for (const [k, v] of saved) assert.equal(sysctl(k), v, k);
  assert.doesNotMatch(execFileSync('ip', ['route'], { encoding: 'utf8' }), /cni-podium/);
  // the permanent safety net stays
  assert.match(execFileSync('ip', ['route', 'show', '10.244.0.0/16'], { encoding: 'utf8' }), /unreachable/);
}

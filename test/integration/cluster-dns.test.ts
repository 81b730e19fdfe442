// Cluster DNS on the built-in cluster (scripts/cluster/addons.sh, manifests/coredns.yaml): a pod of
// a lesson-like namespace resolves the Service `echo` by its short name, by `echo.<namespace>` and by
// its full name, and calls http://echo/version; a name outside cluster.local gets NXDOMAIN from
// CoreDNS itself (it has no forward plugin: nothing is asked outside this machine).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apply, kubectlJson, readyEndpoints, testNamespace, waitFor } from '../helpers/cluster';
import {
  NO_REAL_NODE,
  demoDeployment,
  expectRealNode,
  runScriptPod,
  serviceYaml,
} from '../helpers/real-node';

const ns = testNamespace('dns');

// Runs in the client pod (the demo image's Node 24). Every lookup and the one request are bounded.
const SCRIPT = `
const dns = require('node:dns').promises;
const ns = process.env.NS;
const look = (name) => Promise.race([
  dns.lookup(name, { family: 4 }).then((a) => ({ address: a.address }), (e) => ({ error: e.code })),
  new Promise((r) => setTimeout(() => r({ error: 'TIMEOUT' }), 8000)),
]);
(async () => {
  const names = ['echo', 'echo.' + ns, 'echo.' + ns + '.svc.cluster.local', 'no-such-name.example.com'];
  const lookups = {};
  for (const n of names) lookups[n] = await look(n);
  let call;
  try {
    const res = await fetch('http://echo/version', { signal: AbortSignal.timeout(8000) });
    call = { status: res.status, body: await res.json() };
  } catch (e) { call = { error: String(e.cause?.code ?? e.message) }; }
  console.log(JSON.stringify({ lookups, call }));
})();
`;

interface Result {
  lookups: Record<string, { address?: string; error?: string }>;
  call: { status?: number; body?: { version?: string }; error?: string };
}

describe('cluster DNS (CoreDNS) on the real node', () => {
  it('resolves Services by name for a pod, and nothing outside cluster.local', async (t) => {
    if (!(await expectRealNode())) return t.skip(NO_REAL_NODE);
    await waitFor(
      'CoreDNS ready (scripts/cluster/addons.sh up)',
      async () => (await readyEndpoints('kube-system', 'kube-dns')) > 0 || 'no ready kube-dns endpoint',
      120_000,
      1_000,
    );
    await apply(
      ns.name,
      `${demoDeployment('echo', { version: '3.1.4' })}---\n${serviceYaml('echo', { app: 'echo' })}`,
    );
    await waitFor(
      'the echo Service has a ready endpoint',
      async () => (await readyEndpoints(ns.name, 'echo')) > 0,
      120_000,
      1_000,
    );
    const svc = await kubectlJson<{ spec: { clusterIP: string } }>(['-n', ns.name, 'get', 'svc', 'echo']);

    const { phase, logs, last } = await runScriptPod(ns.name, 'dns-client', SCRIPT, { env: { NS: ns.name } });
    assert.equal(phase, 'Succeeded', logs);
    const r = JSON.parse(last) as Result;

    for (const name of ['echo', `echo.${ns.name}`, `echo.${ns.name}.svc.cluster.local`]) {
      assert.equal(
        r.lookups[name]?.address,
        svc.spec.clusterIP,
        `${name}: ${JSON.stringify(r.lookups[name])}`,
      );
    }
    // NXDOMAIN (ENOTFOUND) at once from CoreDNS's template, not a timeout or an answer from elsewhere
    assert.equal(r.lookups['no-such-name.example.com']?.error, 'ENOTFOUND');
    assert.equal(r.call.status, 200, JSON.stringify(r.call));
    assert.equal(r.call.body?.version, '3.1.4');
  });
});

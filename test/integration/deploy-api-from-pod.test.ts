// A pod on the real node reaches the API server the way Podium's in-cluster config does
// (client-node's loadFromCluster): https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT (the
// kubelet injects 10.96.0.1:443; there is no DNS server here), the cluster CA and the projected
// ServiceAccount token from /var/run/secrets/kubernetes.io/serviceaccount. kube-proxy DNATs the
// ClusterIP to the advertise address 10.254.0.1:16443, where node.sh's relay
// (scripts/cluster/apiserver-relay.mjs) forwards to the API server on 127.0.0.1. The pod lists the
// pods of its namespace as its ServiceAccount, and is refused what that account may not do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apply, kubectlJson, testNamespace } from '../helpers/cluster';
import { NO_REAL_NODE, expectRealNode, runScriptPod } from '../helpers/real-node';

const ns = testNamespace('deploy-apipod');

// Runs in the pod (the demo image's Node 24): two GETs, TLS verified against the mounted CA.
const SCRIPT = `
const { readFileSync } = require('node:fs');
const https = require('node:https');
const sa = '/var/run/secrets/kubernetes.io/serviceaccount';
const host = process.env.KUBERNETES_SERVICE_HOST, port = process.env.KUBERNETES_SERVICE_PORT;
const ca = readFileSync(sa + '/ca.crt'), token = readFileSync(sa + '/token', 'utf8').trim();
const ns = readFileSync(sa + '/namespace', 'utf8').trim();
const get = (path) => new Promise((resolve) => {
  const req = https.get({ host, port, path, ca, headers: { Authorization: 'Bearer ' + token }, timeout: 10000 }, (res) => {
    let body = '';
    res.on('data', (c) => (body += c)).on('end', () => resolve({ status: res.statusCode, body: JSON.parse(body) }));
  });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', (e) => resolve({ status: 0, body: { message: e.message } }));
});
(async () => {
  const pods = await get('/api/v1/namespaces/' + ns + '/pods');
  const secrets = await get('/api/v1/namespaces/' + ns + '/secrets');
  console.log(JSON.stringify({
    host, port,
    pods: { status: pods.status, names: (pods.body.items || []).map((p) => p.metadata.name), message: pods.body.message },
    secrets: { status: secrets.status, message: secrets.body.message },
  }));
})();
`;

interface Result {
  host: string;
  port: string;
  pods: { status: number; names: string[]; message?: string };
  secrets: { status: number; message?: string };
}

describe('the API server from a pod on the real node', () => {
  it('lists its namespace with its ServiceAccount token through the kubernetes Service', async (t) => {
    if (!(await expectRealNode())) return t.skip(NO_REAL_NODE);
    await apply(
      ns.name,
      `apiVersion: v1
kind: ServiceAccount
metadata: {name: lister}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: list-pods}
rules: [{apiGroups: [""], resources: [pods], verbs: [list]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: lister}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: list-pods}
subjects: [{kind: ServiceAccount, name: lister, namespace: ${ns.name}}]
`,
    );
    const { phase, logs, last } = await runScriptPod(ns.name, 'api-client', SCRIPT, {
      serviceAccount: 'lister',
    });
    assert.equal(phase, 'Succeeded', logs);
    const r = JSON.parse(last) as Result;

    // the kubelet's service env, as loadFromCluster reads it
    assert.equal(r.host, '10.96.0.1');
    assert.equal(r.port, '443');
    assert.equal(r.pods.status, 200, `list pods: ${r.pods.message}`);
    assert.ok(r.pods.names.includes('api-client'), `the pod sees itself: ${r.pods.names.join(', ')}`);
    // the request ran as the ServiceAccount, not as someone who may read secrets
    assert.equal(r.secrets.status, 403);
    assert.match(r.secrets.message ?? '', new RegExp(`system:serviceaccount:${ns.name}:lister`));

    // the token is the projected, bound one (kube-api-access-*), not a legacy Secret
    const pod = await kubectlJson<{
      spec: {
        volumes: { name: string; projected?: { sources: { serviceAccountToken?: { path: string } }[] } }[];
      };
    }>(['-n', ns.name, 'get', 'pod', 'api-client']);
    const access = pod.spec.volumes.find((v) => v.name.startsWith('kube-api-access-'));
    assert.ok(access?.projected?.sources.some((s) => s.serviceAccountToken?.path === 'token'));
  });
});

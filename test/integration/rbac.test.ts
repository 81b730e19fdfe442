// Podium running with credentials that may only read (a ServiceAccount bound to the `view`
// ClusterRole): permissions() says every action is denied and why, and the routes still send the
// requests, which the API server refuses: its 403 reaches the browser with its reason.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { NextRequest } from 'next/server';
import { parse } from 'yaml';
import { KUBECONFIG, apply, deploymentYaml, kubectl, kubectlJson, testNamespace, waitFor } from '../helpers/cluster';
import { ctx, errorOf, request } from '../unit/actions/helpers';
import { captureAudit, type AuditLine } from '../../lib/audit';
import { permissions } from '../../lib/k8s/access';
import { closeConnections, resetCluster } from '../../lib/k8s/client';
import { POST as scale } from '../../app/api/namespaces/[namespace]/deployments/[name]/scale/route';
import { POST as restart } from '../../app/api/namespaces/[namespace]/deployments/[name]/restart/route';
import { POST as image } from '../../app/api/namespaces/[namespace]/deployments/[name]/image/route';
import { POST as version } from '../../app/api/namespaces/[namespace]/deployments/[name]/version/route';
import { POST as rollback } from '../../app/api/namespaces/[namespace]/deployments/[name]/rollback/route';
import { DELETE as deletePod } from '../../app/api/namespaces/[namespace]/pods/[pod]/route';
import { POST as endpoint } from '../../app/api/namespaces/[namespace]/pods/[pod]/endpoints/[endpoint]/route';
import { PATCH as hpaBounds } from '../../app/api/namespaces/[namespace]/hpas/[name]/route';
import { GET as permissionsRoute } from '../../app/api/namespaces/[namespace]/permissions/route';

const ns = testNamespace('rbac');
type Handler = (req: NextRequest, c: ReturnType<typeof ctx>) => Promise<Response>;


let dir = '';
let adminKubeconfig: string | undefined;
let pod = '';
let state = '';
const audit: AuditLine[] = [];
const restoreAudit = captureAudit((l) => audit.push(JSON.parse(l) as AuditLine));

const readState = async () =>
  JSON.stringify(
    (await kubectlJson<{ items: { kind: string; metadata: { name: string; generation?: number }; spec?: unknown }[] }>(['-n', ns.name, 'get', 'deployments,hpa,pods']))
      .items.map((o) => [o.kind, o.metadata.name, o.metadata.generation, o.kind === 'Pod' ? null : o.spec]),
  );

before(async () => {
  for (const k of ['PODIUM_READ_ONLY', 'PODIUM_NAMESPACES', 'PODIUM_ACTION_TOKEN', 'PODIUM_ALLOWED_ORIGINS', 'PODIUM_MAX_REPLICAS']) delete process.env[k];
  // revision 1 and 2 of web, an HPA on another deployment, all created with the admin credentials
  await apply(ns.name, deploymentYaml('web', { versionEnv: '1.0.0' }) + '---\n' + deploymentYaml('auto', { versionEnv: '1.0.0' }));
  await kubectl(['-n', ns.name, 'set', 'image', 'deployment/web', 'app=podium-demo:2.0.0']);
  await apply(ns.name, `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: auto}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: auto}
  minReplicas: 1
  maxReplicas: 3
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
`);
  await apply(ns.name, `apiVersion: v1
kind: ServiceAccount
metadata: {name: viewer}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewer-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: ServiceAccount, name: viewer, namespace: ${ns.name}}]
`);
  await waitFor('web rolled out to 2.0.0', async () => {
    const pods = await kubectlJson<{ items: { metadata: { name: string; deletionTimestamp?: string }; spec: { containers: { image: string }[] }; status: { phase: string } }[] }>(['-n', ns.name, 'get', 'pods', '-l', 'app=web']);
    const live = pods.items.filter((p) => !p.metadata.deletionTimestamp && p.status.phase === 'Running');
    pod = live[0]?.metadata.name ?? '';
    return pods.items.length === 1 && live.length === 1 && live[0]?.spec.containers[0]?.image === 'podium-demo:2.0.0';
  }, 60_000);

  // a kubeconfig for the ServiceAccount: same server and CA as the admin's, a bound token
  const token = (await kubectl(['-n', ns.name, 'create', 'token', 'viewer', '--duration=1h'])).trim();
  const admin = parse(readFileSync(KUBECONFIG, 'utf8')) as { clusters: { cluster: { server: string; 'certificate-authority': string } }[] };
  const cluster = admin.clusters[0]!.cluster;
  dir = mkdtempSync(join(tmpdir(), 'podium-rbac-'));
  const file = join(dir, 'kubeconfig');
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'local', cluster: { server: cluster.server, 'certificate-authority': cluster['certificate-authority'] } }],
      users: [{ name: 'viewer', user: { token } }],
      contexts: [{ name: 'viewer', context: { cluster: 'local', user: 'viewer', namespace: ns.name } }],
      'current-context': 'viewer',
    }),
    { mode: 0o600 },
  );
  state = await readState();
  adminKubeconfig = process.env.KUBECONFIG;
  process.env.KUBECONFIG = file;
  resetCluster();
});

after(async () => {
  restoreAudit();
  await closeConnections();
  process.env.KUBECONFIG = adminKubeconfig;
  resetCluster();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('with view-only credentials', () => {
  it('permissions() says every action is denied, with a reason', async () => {
    const p = await permissions(ns.name);
    assert.deepEqual(Object.keys(p).sort(), ['deletePod', 'endpoint', 'hpaBounds', 'restart', 'rollback', 'rollout', 'scale']);
    for (const [action, { allowed, reason }] of Object.entries(p)) {
      assert.equal(allowed, false, action);
      assert.match(reason, new RegExp(`credentials may not \\w+ .+ in namespace ${ns.name}`), `${action}: ${reason}`);
    }
    assert.match(p.scale.reason, /patch deployments\/scale\.apps/);
    assert.match(p.endpoint.reason, /get pods\/proxy/);
    assert.match(p.deletePod.reason, /delete pods/);
    assert.match(p.hpaBounds.reason, /patch horizontalpodautoscalers\.autoscaling/);
  });

  it('the permissions route answers the same', async () => {
    const res = await permissionsRoute(request(`/api/namespaces/${ns.name}/permissions`, { method: 'GET' }), ctx({ namespace: ns.name }));
    assert.equal(res.status, 200);
    const { actions } = (await res.json()) as { actions: Record<string, { allowed: boolean; reason: string }> };
    assert.ok(Object.values(actions).every((a) => !a.allowed && a.reason.length > 20));
  });

  const attempts: { title: string; handler: Handler; params: () => Record<string, string>; opts?: Parameters<typeof request>[1]; says: RegExp }[] = [
    { title: 'scale', handler: scale, params: () => ({ namespace: ns.name, name: 'web' }), opts: { body: { replicas: 3 } }, says: /cannot patch resource "deployments\/scale"/ },
    { title: 'restart', handler: restart, params: () => ({ namespace: ns.name, name: 'web' }), says: /cannot patch resource "deployments"/ },
    { title: 'set image', handler: image, params: () => ({ namespace: ns.name, name: 'web' }), opts: { body: { container: 'app', image: 'podium-demo:3.0.0' } }, says: /cannot patch/ },
    { title: 'set version', handler: version, params: () => ({ namespace: ns.name, name: 'web' }), opts: { body: { container: 'app', value: '3.0.0' } }, says: /cannot patch/ },
    { title: 'roll back', handler: rollback, params: () => ({ namespace: ns.name, name: 'web' }), opts: { body: { revision: 1 } }, says: /cannot patch/ },
    { title: 'delete pod', handler: deletePod, params: () => ({ namespace: ns.name, pod }), opts: { method: 'DELETE' }, says: /cannot delete resource "pods"/ },
    { title: 'endpoint trigger', handler: endpoint, params: () => ({ namespace: ns.name, pod, endpoint: 'inemuri' }), says: /cannot get resource "pods\/proxy"|pods "[^"]+" is forbidden/ },
    { title: 'HPA bounds', handler: hpaBounds, params: () => ({ namespace: ns.name, name: 'auto' }), opts: { method: 'PATCH', body: { minReplicas: 2, maxReplicas: 4 } }, says: /cannot patch resource "horizontalpodautoscalers"/ },
  ];
  for (const a of attempts) {
    it(`${a.title}: the API server's 403 passes through with its reason`, async () => {
      const res = await a.handler(request(`/api/namespaces/${ns.name}/x`, a.opts), ctx(a.params()));
      const err = await errorOf(res);
      assert.equal(res.status, 403, JSON.stringify(err));
      assert.equal(err.reason, 'Forbidden');
      assert.match(err.message, a.says);
      assert.match(err.message, new RegExp(`system:serviceaccount:${ns.name}:viewer`));
    });
  }

  it('nothing changed, and each refusal was audited with the status', async () => {
    assert.equal(await readState(), state);
    assert.equal(audit.length, attempts.length);
    assert.ok(audit.every((l) => l.outcome === 'refused' && l.status === 403 && l.detail.startsWith('Forbidden: ')));
  });
});

// Every action against the local cluster's real API server, through the route handlers (the same
// code a browser reaches), each effect read back with kubectl.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apply, deploymentYaml, kubectlJson, testNamespace, waitFor } from '../helpers/cluster';
import { captureAudit, type AuditLine } from '../../lib/audit';
import { ctx, errorOf, request } from '../unit/actions/helpers';
import { POST as scaleRoute } from '../../app/api/namespaces/[namespace]/deployments/[name]/scale/route';
import { POST as restartRoute } from '../../app/api/namespaces/[namespace]/deployments/[name]/restart/route';
import { POST as imageRoute } from '../../app/api/namespaces/[namespace]/deployments/[name]/image/route';
import { POST as versionRoute } from '../../app/api/namespaces/[namespace]/deployments/[name]/version/route';
import { POST as rollbackRoute } from '../../app/api/namespaces/[namespace]/deployments/[name]/rollback/route';
import { DELETE as deletePodRoute } from '../../app/api/namespaces/[namespace]/pods/[pod]/route';
import { POST as endpointRoute } from '../../app/api/namespaces/[namespace]/pods/[pod]/endpoints/[endpoint]/route';
import { PATCH as hpaRoute } from '../../app/api/namespaces/[namespace]/hpas/[name]/route';
import { GET as permissionsRoute } from '../../app/api/namespaces/[namespace]/permissions/route';

const ns = testNamespace('act');

type Handler = (req: import('next/server').NextRequest, c: ReturnType<typeof ctx>) => Promise<Response>;

async function act(handler: Handler, params: Record<string, string>, body?: object, method = 'POST') {
  const res = await handler(request(`/api/namespaces/${params.namespace}/x`, { method, body }), ctx(params));
  return { status: res.status, json: (await res.clone().json()) as Record<string, unknown>, res };
}

interface Dep {
  metadata: { uid: string; annotations?: Record<string, string> };
  spec: { replicas: number; template: { metadata: { annotations?: Record<string, string> }; spec: { containers: { name: string; image: string; env?: { name: string; value?: string }[] }[] } } };
}
interface Rs {
  metadata: { name: string; annotations: Record<string, string>; ownerReferences?: { uid: string }[] };
  spec: { template: { spec: { containers: { image: string; env?: { name: string; value?: string }[] }[] }; metadata: { annotations?: Record<string, string> } } };
}
interface Pod {
  metadata: { name: string; deletionTimestamp?: string; labels: Record<string, string> };
  status: { phase: string };
}

const dep = (name: string) => kubectlJson<Dep>(['-n', ns.name, 'get', 'deployment', name]);
const replicaSets = async (name: string) => {
  const d = await dep(name);
  const list = await kubectlJson<{ items: Rs[] }>(['-n', ns.name, 'get', 'rs']);
  return list.items.filter((r) => r.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid));
};
const livePods = async (app: string) =>
  (await kubectlJson<{ items: Pod[] }>(['-n', ns.name, 'get', 'pods', '-l', `app=${app}`])).items.filter((p) => !p.metadata.deletionTimestamp);
const runningPods = async (app: string) => (await livePods(app)).filter((p) => p.status.phase === 'Running');


const audit: AuditLine[] = [];
let restoreAudit = () => {};

before(async () => {
  for (const k of ['PODIUM_READ_ONLY', 'PODIUM_NAMESPACES', 'PODIUM_ACTION_TOKEN', 'PODIUM_ALLOWED_ORIGINS', 'PODIUM_MAX_REPLICAS']) delete process.env[k];
  (await import('../../lib/k8s/client')).resetCluster(); // ensureCluster() just set KUBECONFIG
  restoreAudit = captureAudit((l) => audit.push(JSON.parse(l) as AuditLine));
  // retried: other test files restart the shared API server now and then
  await waitFor('the deployments to be created', () => apply(ns.name, deploymentYaml('web', { replicas: 2, versionEnv: '1.0.0' }) + '---\n' + deploymentYaml('auto', { versionEnv: '1.0.0' })).then(() => true), 60_000, 1000);
  await waitFor('2 running web pods', async () => (await runningPods('web')).length === 2, 60_000);
});

after(async () => {
  restoreAudit();
  await (await import('../../lib/k8s/client')).closeConnections();
});

describe('actions on the local cluster', () => {
  const web = () => ({ namespace: ns.name, name: 'web' });

  it('permissions: the admin credentials may do everything', async () => {
    const res = await permissionsRoute(request(`/api/namespaces/${ns.name}/permissions`, { method: 'GET' }), ctx({ namespace: ns.name }));
    assert.equal(res.status, 200);
    const { actions } = (await res.json()) as { actions: Record<string, { allowed: boolean }> };
    assert.deepEqual(Object.keys(actions).sort(), ['deletePod', 'endpoint', 'hpaBounds', 'restart', 'rollback', 'rollout', 'scale']);
    for (const [a, p] of Object.entries(actions)) assert.equal(p.allowed, true, a);
  });

  it('scale: spec.replicas changes through the scale subresource and the pods follow', async () => {
    const r = await act(scaleRoute, web(), { replicas: 3 });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.replicas, 3);
    assert.equal((await dep('web')).spec.replicas, 3);
    await waitFor('3 running pods', async () => (await runningPods('web')).length === 3, 60_000);
    const line = audit.at(-1);
    assert.deepEqual([line?.action, line?.name, line?.outcome, line?.status, line?.detail], ['scale', 'web', 'ok', 200, 'replicas 3']);
  });

  it('scale of a missing deployment: the API server’s 404 comes back with its reason', async () => {
    const r = await act(scaleRoute, { namespace: ns.name, name: 'nope' }, { replicas: 1 });
    assert.equal(r.status, 404);
    assert.equal((await errorOf(r.res)).reason, 'NotFound');
  });

  it('restart: sets restartedAt on the template and a new ReplicaSet appears', async () => {
    const before = (await replicaSets('web')).length;
    const r = await act(restartRoute, web());
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const at = (await dep('web')).spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'];
    assert.equal(at, r.json.restartedAt);
    assert.ok(Date.now() - Date.parse(at ?? '') < 60_000);
    await waitFor('a new ReplicaSet', async () => (await replicaSets('web')).length === before + 1, 30_000);
    await waitFor('3 running pods of the new template', async () => {
      const rs = (await replicaSets('web')).find((x) => x.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'] === at);
      const pods = await runningPods('web');
      return rs && pods.length === 3 && pods.every((p) => rs.metadata.name.endsWith(p.metadata.labels['pod-template-hash'] ?? '?'));
    }, 60_000);
  });

  it('delete pod: the pod goes and the ReplicaSet replaces it', async () => {
    await waitFor('3 running pods', async () => (await livePods('web')).length === 3, 60_000);
    const victim = (await runningPods('web'))[0]!.metadata.name;
    const r = await act(deletePodRoute, { namespace: ns.name, pod: victim }, undefined, 'DELETE');
    assert.equal(r.status, 200, JSON.stringify(r.json));
    await waitFor('a replacement', async () => {
      const pods = await runningPods('web');
      return pods.length === 3 && !pods.some((p) => p.metadata.name === victim);
    }, 60_000);
  });

  it('set image: a new ReplicaSet with the image, and the template shows it', async () => {
    const r = await act(imageRoute, web(), { container: 'app', image: 'podium-demo:2.0.0' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.previous, 'podium-demo:1.0.0');
    assert.equal((await dep('web')).spec.template.spec.containers[0]?.image, 'podium-demo:2.0.0');
    await waitFor('a ReplicaSet with podium-demo:2.0.0', async () =>
      (await replicaSets('web')).some((x) => x.spec.template.spec.containers[0]?.image === 'podium-demo:2.0.0'), 30_000);
    const missing = await act(imageRoute, web(), { container: 'sidecar', image: 'podium-demo:2.0.0' });
    assert.equal(missing.status, 404);
    assert.equal((await errorOf(missing.res)).reason, 'ContainerNotFound');
    assert.equal((await dep('web')).spec.template.spec.containers.length, 1, 'no container was added');
  });

  it('set version: the env var named by podium.dev/version-env changes, in a new ReplicaSet', async () => {
    const r = await act(versionRoute, web(), { container: 'app', value: '1.1.0' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual([r.json.env, r.json.previous], ['APP_VERSION', '1.0.0']);
    assert.deepEqual((await dep('web')).spec.template.spec.containers[0]?.env, [{ name: 'APP_VERSION', value: '1.1.0' }]);
    await waitFor('a ReplicaSet with APP_VERSION=1.1.0', async () =>
      (await replicaSets('web')).some((x) => x.spec.template.spec.containers[0]?.env?.[0]?.value === '1.1.0'), 30_000);
  });

  it('rollback: to a chosen revision, whose template (image, env) the deployment then has', async () => {
    await waitFor('4 revisions', async () => (await replicaSets('web')).length === 4, 30_000);
    const rev1 = (await replicaSets('web')).find((x) => x.metadata.annotations['deployment.kubernetes.io/revision'] === '1');
    assert.equal(rev1?.spec.template.spec.containers[0]?.image, 'podium-demo:1.0.0');
    const r = await act(rollbackRoute, web(), { revision: 1 });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.skipped, false);
    const d = await dep('web');
    assert.equal(d.spec.template.spec.containers[0]?.image, 'podium-demo:1.0.0');
    assert.deepEqual(d.spec.template.spec.containers[0]?.env, [{ name: 'APP_VERSION', value: '1.0.0' }]);
    assert.equal(d.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'], undefined, 'revision 1 had no restart annotation');
    // the controller re-labels that ReplicaSet as the newest revision (as kubectl rollout undo shows)
    await waitFor('revision 1 becomes revision 5', async () =>
      (await replicaSets('web')).find((x) => x.metadata.name === rev1?.metadata.name)?.metadata.annotations['deployment.kubernetes.io/revision'] === '5', 30_000);

    const none = await act(rollbackRoute, web(), { revision: 99 });
    assert.equal(none.status, 404);
    const err = await errorOf(none.res);
    assert.equal(err.reason, 'RevisionNotFound');
    assert.match(err.message, /no revision 99/);
  });

  it('HPA: a manual scale is refused with 409 HpaManaged, then HPA bounds change, or scale anyway', async () => {
    await apply(ns.name, `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: auto}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: auto}
  minReplicas: 1
  maxReplicas: 4
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
`);
    const auto = { namespace: ns.name, name: 'auto' };
    const refused = await act(scaleRoute, auto, { replicas: 3 });
    assert.equal(refused.status, 409);
    const err = await errorOf(refused.res);
    assert.equal(err.reason, 'HpaManaged');
    assert.match(err.message, /HorizontalPodAutoscaler auto .* will undo a manual scale/);
    assert.equal((await dep('auto')).spec.replicas, 1, 'nothing changed');

    const bounds = await act(hpaRoute, auto, { minReplicas: 2, maxReplicas: 6 }, 'PATCH');
    assert.equal(bounds.status, 200, JSON.stringify(bounds.json));
    const hpa = await kubectlJson<{ spec: { minReplicas: number; maxReplicas: number } }>(['-n', ns.name, 'get', 'hpa', 'auto']);
    assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], [2, 6]);

    const tooHigh = await act(hpaRoute, auto, { minReplicas: 2, maxReplicas: 51 }, 'PATCH');
    assert.equal(tooHigh.status, 400);

    const forced = await act(scaleRoute, auto, { replicas: 3, force: true });
    assert.equal(forced.status, 200, JSON.stringify(forced.json));
    assert.match(audit.at(-1)?.detail ?? '', /forced past an HPA/);
  });

  it('endpoint trigger: a kwok pod runs no process, so the clear "did not answer" error comes back', async () => {
    const pod = (await runningPods('web'))[0]!.metadata.name;
    const r = await act(endpointRoute, { namespace: ns.name, pod, endpoint: 'inemuri' });
    const err = await errorOf(r.res);
    assert.equal(r.status, 502, JSON.stringify(err));
    assert.equal(err.reason, 'PodDidNotAnswer');
    assert.match(err.message, /^the pod did not answer: .*(connection refused|8080)/);

    const undeclared = await act(endpointRoute, { namespace: ns.name, pod, endpoint: 'healthz' });
    assert.equal(undeclared.status, 404);
    const e2 = await errorOf(undeclared.res);
    assert.equal(e2.reason, 'EndpointNotDeclared');
    assert.match(e2.message, /declared: inemuri, seppuku/);
  });

  it('every action left exactly one audit line, without tokens or bodies', () => {
    assert.ok(audit.length >= 12);
    for (const l of audit) {
      assert.deepEqual(Object.keys(l), ['ts', 'action', 'namespace', 'name', 'outcome', 'status', 'detail']);
      assert.ok(['ok', 'refused', 'failed'].includes(l.outcome));
    }
  });
});

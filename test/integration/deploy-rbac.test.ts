// What Podium's ServiceAccount may do once the chart is installed (helm install, for real, in
// namespaces of this test): asked as system:serviceaccount:<ns>:podium with SubjectAccessReviews
// (the groups the API server gives a ServiceAccount included). Operator: every call the actions
// make is allowed; viewer: the reads, not the writes; never a Secret, pods/exec, deleting a
// Deployment, or (namespaced mode) anything outside the allowlisted namespaces. Four releases, all
// named "podium", in four namespaces: their cluster-wide names never collide.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kubectl, testNamespace } from '../helpers/cluster';
import { CHART, helm, objects } from '../helpers/helm';

// Registered before testNamespace's hooks, so the releases go before their namespaces do.
after(async () => {
  for (const { ns } of Object.values(RELEASES)) {
    await helm(['uninstall', 'podium', '--namespace', ns.name, '--wait']).catch(() => undefined);
    // should the release be gone already, its cluster-wide objects still go
    const names = ['viewer', 'operator', 'lessons'].map((l) => `podium-${ns.name}-${l}`);
    for (const kind of ['clusterrolebinding', 'clusterrole']) {
      await kubectl(['delete', kind, ...names, '--ignore-not-found']).catch(() => undefined);
    }
  }
});

const operator = testNamespace('h-deploy-op');
const viewer = testNamespace('h-deploy-ro');
const scoped = testNamespace('h-deploy-nsd');
const allowA = testNamespace('h-deploy-nsd-a');
const allowB = testNamespace('h-deploy-nsd-b');
const outside = testNamespace('h-deploy-nsd-out');
const lessons = testNamespace('h-deploy-les');

const RELEASES = {
  operator: { ns: operator, set: [] as string[] },
  viewer: { ns: viewer, set: ['readOnly=true'] },
  scoped: { ns: scoped, set: [`namespaces={${allowA.name},${allowB.name}}`] },
  lessons: { ns: lessons, set: ['rbac.lessons=true', 'logs=false'] },
};

/** A check: verb, resource[/subresource][.group] (kubectl's spelling), and the namespace or '' (cluster). */
type Check = [verb: string, resource: string, namespace: string];

function attributes([verb, res, namespace]: Check) {
  const [path, ...group] = res.split('.');
  const [resource, subresource] = path!.split('/');
  return { verb, resource, subresource, group: group.join('.'), namespace: namespace || undefined };
}

/** One SubjectAccessReview per check, all in one request; true where allowed. */
async function allowed(ns: string, checks: Check[]): Promise<boolean[]> {
  const user = `system:serviceaccount:${ns}:podium`;
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    items: checks.map((c) => ({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        user,
        groups: ['system:serviceaccounts', `system:serviceaccounts:${ns}`, 'system:authenticated'],
        resourceAttributes: attributes(c),
      },
    })),
  };
  const out = await kubectl(['create', '-f', '-', '-o', 'jsonpath={.status.allowed}{"\\n"}'], JSON.stringify(list));
  const answers = out.trim().split('\n');
  assert.equal(answers.length, checks.length, out);
  return answers.map((a) => a === 'true');
}

async function expectAll(ns: string, checks: Check[], want: boolean, why: string) {
  const got = await allowed(ns, checks);
  const wrong = checks.filter((_, i) => got[i] !== want).map((c) => `${c[0]} ${c[1]} in ${c[2] || '(cluster)'}`);
  assert.deepEqual(wrong, [], `${why}: ${want ? 'refused' : 'allowed'} but should not be`);
}

// Everything the watch hub watches (lib/models/types.ts WATCHED_KINDS), get/list/watch.
const WATCHED = ['pods', 'services', 'events', 'deployments.apps', 'replicasets.apps', 'endpointslices.discovery.k8s.io',
  'horizontalpodautoscalers.autoscaling', 'ingresses.networking.k8s.io', 'httproutes.gateway.networking.k8s.io',
  'gateways.gateway.networking.k8s.io'];
const reads = (ns: string): Check[] => [
  ...WATCHED.flatMap((r) => ['get', 'list', 'watch'].map((v): Check => [v, r, ns])),
  ['list', 'pods.metrics.k8s.io', ns],
  ['get', 'pods.metrics.k8s.io', ns],
  // the Logs panel (lib/k8s/logs/): read-only mode shows logs too
  ['get', 'pods/log', ns],
];
// Every call Podium's actions make (lib/k8s/deployments.ts, pods.ts, hpas.ts, canary.ts).
const actions = (ns: string): Check[] => [
  ['patch', 'deployments/scale.apps', ns],
  ['patch', 'deployments.apps', ns],
  ['delete', 'pods', ns],
  ['get', 'pods/proxy', ns],
  ['patch', 'horizontalpodautoscalers.autoscaling', ns],
  ['patch', 'ingresses.networking.k8s.io', ns],
  ['patch', 'httproutes.gateway.networking.k8s.io', ns],
];
// Never, at any level.
const never = (ns: string): Check[] => [
  ['get', 'secrets', ns],
  ['list', 'secrets', ns],
  ['watch', 'secrets', ns],
  ['create', 'pods/exec', ns],
  ['get', 'pods/exec', ns],
  ['create', 'pods/attach', ns],
  ['create', 'pods/portforward', ns],
  ['delete', 'deployments.apps', ns],
  ['create', 'deployments.apps', ns],
  ['update', 'deployments.apps', ns],
  ['deletecollection', 'pods', ns],
  ['create', 'pods', ns],
  ['list', 'configmaps', ns],
  ['create', 'rolebindings.rbac.authorization.k8s.io', ns],
  ['escalate', 'roles.rbac.authorization.k8s.io', ns],
  ['impersonate', 'serviceaccounts', ns],
  ['create', 'serviceaccounts/token', ns],
];
const neverCluster: Check[] = [
  ['list', 'secrets', ''],
  ['delete', 'namespaces', ''],
  ['patch', 'nodes', ''],
  ['create', 'clusterrolebindings.rbac.authorization.k8s.io', ''],
];
// Lessons only (rbac.lessons=true): lib/k8s/lessons.ts.
const lessonCalls = (ns: string): Check[] => [
  ['create', 'namespaces', ''],
  ['patch', 'namespaces', ''],
  ['delete', 'namespaces', ''],
  ['list', 'nodes', ''],
  ['create', 'deployments.apps', ns],
  ['create', 'services', ns],
  ['patch', 'configmaps', ns],
  ['patch', 'pods', ns],
];

before(async () => {
  // after testNamespace's own before hooks: every namespace exists
  for (const { ns, set } of Object.values(RELEASES)) {
    await helm(['install', 'podium', CHART, '--namespace', ns.name, ...set.flatMap((s) => ['--set', s])]);
  }
});

describe('Podium ServiceAccount, chart installed', () => {
  it('operator (cluster-wide): every read and every action, and self access reviews', async () => {
    const ns = operator.name;
    for (const where of [ns, allowA.name]) {
      await expectAll(ns, [...reads(where), ...actions(where), ['get', 'services', where]], true, `operator in ${where}`);
    }
    await expectAll(ns, [['list', 'namespaces', ''], ['create', 'selfsubjectaccessreviews.authorization.k8s.io', '']], true, 'picker, access checks');
  });

  it('operator: no Secret, no exec, no Deployment deletion, nothing of the lessons', async () => {
    const ns = operator.name;
    await expectAll(ns, [...never(ns), ...never(allowA.name), ...neverCluster], false, 'operator');
    await expectAll(ns, lessonCalls(ns), false, 'lessons are opt-in');
    await expectAll(ns, [['get', 'services/proxy', ns]], false, 'in a pod, traffic goes to the ClusterIP');
  });

  it('viewer (readOnly): reads, but no write at all', async () => {
    const ns = viewer.name;
    await expectAll(ns, [...reads(ns), ...reads(allowB.name), ['list', 'namespaces', '']], true, 'viewer reads');
    await expectAll(ns, [...actions(ns), ...actions(allowB.name), ...never(ns), ...neverCluster], false, 'viewer writes');
  });

  it('namespaced (allowlist): everything in the allowed namespaces, nothing outside or cluster-wide', async () => {
    const ns = scoped.name;
    for (const where of [allowA.name, allowB.name]) {
      await expectAll(ns, [...reads(where), ...actions(where)], true, `allowed namespace ${where}`);
      await expectAll(ns, never(where), false, `allowed namespace ${where}`);
    }
    for (const where of [outside.name, ns, 'default', 'kube-system']) {
      await expectAll(ns, [...reads(where), ...actions(where)], false, `outside the allowlist: ${where}`);
    }
    await expectAll(ns, [['list', 'namespaces', ''], ['list', 'pods', ''], ...neverCluster], false, 'cluster-wide');
    // PODIUM_NAMESPACES carries the allowlist, so Podium never needs the namespace list
    const manifest = objects(await helm(['get', 'manifest', 'podium', '--namespace', ns]));
    assert.deepEqual(manifest.filter((o) => o.kind.startsWith('Cluster')).map((o) => o.metadata.name), []);
    const env = (manifest.find((o) => o.kind === 'Deployment') as unknown as {
      spec: { template: { spec: { containers: { env: { name: string; value?: string }[] }[] } } };
    }).spec.template.spec.containers[0]!.env;
    assert.equal(env.find((e) => e.name === 'PODIUM_NAMESPACES')?.value, `${allowA.name},${allowB.name}`);
  });

  it('lessons (opt-in): the lessons calls too, still no Secret and no exec', async () => {
    const ns = lessons.name;
    const withoutLogs = reads(ns).filter(([, r]) => r !== 'pods/log');
    await expectAll(ns, [...lessonCalls(ns), ...actions(ns), ...withoutLogs], true, 'lessons');
    // this release also sets logs=false: no pods/log in its viewer role, and PODIUM_LOGS says so
    await expectAll(ns, [['get', 'pods/log', ns]], false, 'logs=false');
    const manifest = objects(await helm(['get', 'manifest', 'podium', '--namespace', ns]));
    const env = (manifest.find((o) => o.kind === 'Deployment') as unknown as {
      spec: { template: { spec: { containers: { env: { name: string; value?: string }[] }[] } } };
    }).spec.template.spec.containers[0]!.env;
    assert.equal(env.find((e) => e.name === 'PODIUM_LOGS')?.value, 'false');
    await expectAll(ns, [...never(ns).filter(([v, r]) => !(v === 'create' && r === 'deployments.apps')), ['list', 'secrets', '']], false, 'lessons');
  });

  it('the Secret survives an upgrade unchanged (lookup), and the release names never collide', async () => {
    const get = async () =>
      JSON.parse(await kubectl(['-n', operator.name, 'get', 'secret', 'podium', '-o', 'json'])) as { data: Record<string, string> };
    const before = (await get()).data;
    await helm(['upgrade', 'podium', CHART, '--namespace', operator.name, '--set', 'replicas=2']);
    assert.deepEqual((await get()).data, before);
    const names = (await kubectl(['get', 'clusterroles', '-o', 'name'])).split('\n').filter((n) => n.includes('/podium-h-deploy-'));
    for (const { ns } of [RELEASES.operator, RELEASES.viewer, RELEASES.lessons]) {
      assert.ok(names.includes(`clusterrole.rbac.authorization.k8s.io/podium-${ns.name}-viewer`), names.join(' '));
    }
  });
});

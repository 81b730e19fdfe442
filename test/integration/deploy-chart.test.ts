// Podium's own install (issue 11): the Helm chart (deploy/helm/podium) passes `helm lint`, renders
// what the cluster needs (probes, the hardened securityContext, the Secret's keys as env, the
// allowlist as PODIUM_NAMESPACES, a spread for 2 replicas), and every typical value set, and each
// kustomize overlay (deploy/kustomize, rendered from the chart), passes a server-side dry run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { ROOT, kubectl, testNamespace } from '../helpers/cluster';
import { readTree } from '../helpers/files';
import { CHART, KUSTOMIZE, helm, helmPath, objects, template, type K8sObject } from '../helpers/helm';

const release = testNamespace('h-deploy-chart');
const allowA = testNamespace('h-deploy-chart-a');
const allowB = testNamespace('h-deploy-chart-b');

const VALUE_SETS: Record<string, () => string[]> = {
  default: () => [],
  readOnly: () => ['readOnly=true'],
  namespaced: () => [`namespaces={${allowA.name},${allowB.name}}`],
  'replicas 2': () => ['replicas=2'],
  'lessons and a NetworkPolicy': () => ['rbac.lessons=true', 'networkPolicy.enabled=true'],
};

interface Container {
  image: string;
  imagePullPolicy: string;
  env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } } }[];
  securityContext: Record<string, unknown>;
  readinessProbe: { httpGet: { path: string; port: string } };
  livenessProbe: { httpGet: { path: string; port: string } };
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts: { name: string; mountPath: string }[];
}
interface PodSpec {
  serviceAccountName: string;
  securityContext: Record<string, unknown>;
  containers: Container[];
  volumes: { name: string; emptyDir?: object }[];
  topologySpreadConstraints?: { topologyKey: string }[];
  nodeSelector?: Record<string, string>;
  tolerations?: object[];
}
const deploymentOf = (objs: K8sObject[]) => {
  const d = objs.find((o) => o.kind === 'Deployment') as (K8sObject & { spec: { replicas: number; template: { spec: PodSpec } } }) | undefined;
  assert.ok(d, 'a Deployment');
  return d;
};
const envOf = (c: Container) => Object.fromEntries(c.env.map((e) => [e.name, e]));
type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
const rulesOf = (objs: K8sObject[]) =>
  objs.filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole').flatMap((o) => (o as unknown as { rules: Rule[] }).rules);

/** Dry run on the server; every object must say "(server dry run)". */
async function dryRun(yaml: string, objs: K8sObject[]): Promise<void> {
  const out = await kubectl(['apply', '--dry-run=server', '-f', '-'], yaml);
  const lines = out.trim().split('\n');
  assert.equal(lines.length, objs.length, out);
  for (const l of lines) assert.match(l, /\(server dry run\)$/);
}

describe('Helm chart deploy/helm/podium', () => {
  it('helm lint passes with each typical value set', async () => {
    for (const [name, set] of Object.entries(VALUE_SETS)) {
      const out = await helm(['lint', CHART, '--strict', '--namespace', release.name, ...set().flatMap((s) => ['--set', s])]);
      assert.match(out, /1 chart\(s\) linted, 0 chart\(s\) failed/, `${name}: ${out}`);
    }
  });

  for (const [name, set] of Object.entries(VALUE_SETS)) {
    it(`values "${name}": rendered, and accepted by a server-side dry run`, async () => {
      const yaml = await template(release.name, set());
      const objs = objects(yaml);
      await dryRun(yaml, objs);
      for (const r of rulesOf(objs)) {
        assert.ok(!r.resources.includes('secrets'), 'never secrets');
        assert.ok(!r.resources.some((x) => x.endsWith('/exec') || x.endsWith('/attach')), 'never exec');
        assert.ok(![...r.verbs, ...r.resources, ...r.apiGroups].includes('*'), 'never *');
      }
    });
  }

  it('the Deployment: probes, the hardened securityContext, writable emptyDirs, the Secret as env', async () => {
    const objs = objects(await template(release.name));
    const d = deploymentOf(objs);
    const pod = d.spec.template.spec;
    const c = pod.containers[0]!;
    assert.equal(c.image, 'podium:0.1.0');
    assert.equal(c.imagePullPolicy, 'IfNotPresent');
    assert.equal(c.readinessProbe.httpGet.path, '/api/healthz');
    assert.equal(c.livenessProbe.httpGet.path, '/api/healthz');
    assert.ok(c.resources.requests?.cpu && c.resources.limits?.memory);
    assert.deepEqual(
      { ...pod.securityContext, fsGroup: undefined, runAsGroup: undefined },
      { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' }, fsGroup: undefined, runAsGroup: undefined },
    );
    assert.deepEqual(c.securityContext, {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    const mounts = Object.fromEntries(c.volumeMounts.map((m) => [m.mountPath, m.name]));
    for (const p of ['/app/.next/cache', '/tmp']) {
      const vol = pod.volumes.find((v) => v.name === mounts[p]);
      assert.ok(vol?.emptyDir, `${p} is an emptyDir`);
    }
    const env = envOf(c);
    assert.equal(env.PODIUM_READ_ONLY?.value, 'false');
    assert.equal(env.PODIUM_NAMESPACES, undefined, 'no allowlist: every namespace');
    assert.equal(env.KUBECONFIG, undefined, 'in-cluster config');
    const secret = objs.find((o) => o.kind === 'Secret') as K8sObject & { data: Record<string, string> };
    assert.deepEqual(env.PODIUM_ACTION_TOKEN?.valueFrom?.secretKeyRef, { name: secret.metadata.name, key: 'action-token' });
    assert.deepEqual(env.PODIUM_SESSION_KEY?.valueFrom?.secretKeyRef, { name: secret.metadata.name, key: 'session-key' });
    assert.ok(Buffer.from(secret.data['action-token']!, 'base64').length >= 32);
    assert.ok(Buffer.from(secret.data['session-key']!, 'base64').length >= 32, 'a session key Podium accepts (>= 32)');
    assert.equal(pod.topologySpreadConstraints, undefined, 'one replica: no spread');
    assert.equal(pod.nodeSelector, undefined, 'no node pinned by default');
    const svc = objs.find((o) => o.kind === 'Service') as K8sObject & { spec: { ports: { port: number; targetPort: string }[] } };
    assert.deepEqual(svc.spec.ports.map((p) => [p.port, p.targetPort]), [[80, 'http']]);
  });

  it('values: the allowlist reaches PODIUM_NAMESPACES and makes a Role per namespace, nothing cluster-wide', async () => {
    const objs = objects(await template(release.name, VALUE_SETS.namespaced!()));
    const env = envOf(deploymentOf(objs).spec.template.spec.containers[0]!);
    assert.equal(env.PODIUM_NAMESPACES?.value, `${allowA.name},${allowB.name}`);
    assert.deepEqual(objs.filter((o) => o.kind.startsWith('Cluster')), []);
    const roles = objs.filter((o) => o.kind === 'Role').map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    assert.deepEqual(roles.sort(), [allowA.name, allowB.name].flatMap((n) => [
      `${n}/podium-${release.name}-operator`,
      `${n}/podium-${release.name}-viewer`,
    ]).sort());
    assert.ok(!rulesOf(objs).some((r) => r.resources.includes('namespaces')), 'no namespace list in a Role');
    await assert.rejects(template(release.name, ['namespaces={team-*}']), /needs exact names/);
  });

  it('values: readOnly, replicas 2, the real node, an existing Secret, allowed hosts', async () => {
    const objs = objects(
      await template(release.name, [
        'readOnly=true',
        'replicas=2',
        'nodeSelector.podium\\.dev/node=real',
        'tolerations[0].key=podium.dev/real-node,tolerations[0].operator=Exists,tolerations[0].effect=NoSchedule',
        'auth.existingSecret=mine',
        'allowedHosts={podium.example.com}',
      ]),
    );
    const d = deploymentOf(objs);
    const pod = d.spec.template.spec;
    const env = envOf(pod.containers[0]!);
    assert.equal(d.spec.replicas, 2);
    assert.equal(pod.topologySpreadConstraints?.[0]?.topologyKey, 'kubernetes.io/hostname');
    assert.deepEqual(pod.nodeSelector, { 'podium.dev/node': 'real' });
    assert.equal(pod.tolerations?.length, 1);
    assert.equal(env.PODIUM_READ_ONLY?.value, 'true');
    assert.equal(env.PODIUM_ALLOWED_HOSTS?.value, 'podium.example.com');
    assert.deepEqual(env.PODIUM_SESSION_KEY?.valueFrom?.secretKeyRef, { name: 'mine', key: 'session-key', optional: true });
    assert.equal(objs.find((o) => o.kind === 'Secret'), undefined, 'no Secret of its own');
    assert.deepEqual(
      objs.filter((o) => o.kind === 'ClusterRole').map((o) => o.metadata.name),
      [`podium-${release.name}-viewer`],
      'read-only: the viewer role only',
    );
  });
});

describe('kustomize deploy/kustomize', () => {
  it('is what scripts/render-deploy.sh makes of the chart today', () => {
    const out = mkdtempSync(join(tmpdir(), 'podium-kustomize-'));
    try {
      execFileSync('bash', [join(ROOT, 'scripts/render-deploy.sh'), out], {
        env: { ...process.env, HELM: helmPath() },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      assert.deepEqual(readTree(KUSTOMIZE), readTree(out), 'out of date: run scripts/render-deploy.sh and commit deploy/kustomize');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  for (const overlay of ['read-only', 'operator']) {
    it(`overlays/${overlay} passes a server-side dry run`, async () => {
      // Moved into this test's namespace, so the dry run needs no namespace "podium".
      const objs = objects(await kubectl(['kustomize', join(KUSTOMIZE, 'overlays', overlay)]));
      const ns = objs.find((o) => o.kind === 'Namespace');
      assert.equal(ns?.metadata.name, 'podium');
      const moved = objs.filter((o) => o !== ns).map((o) => moveTo(o, release.name));
      await dryRun(moved.map((o) => stringify(o)).join('---\n'), moved);
      const kinds = objs.map((o) => o.kind);
      assert.equal(kinds.includes('Secret'), false, 'the Secret is made by hand (README)');
      assert.equal(objs.some((o) => o.kind === 'ClusterRole' && o.metadata.name.endsWith('-operator')), overlay === 'operator');
    });
  }
});

function moveTo(o: K8sObject, ns: string): K8sObject {
  const copy = structuredClone(o) as K8sObject & { subjects?: { namespace?: string }[] };
  if (copy.metadata.namespace) copy.metadata.namespace = ns;
  for (const s of copy.subjects ?? []) s.namespace = ns;
  // ClusterRoles are cluster-wide: a name of this test's own, should another install exist
  if (copy.kind.startsWith('Cluster')) copy.metadata.name = `${copy.metadata.name}-${ns}`;
  const ref = (copy as { roleRef?: { name: string } }).roleRef;
  if (ref && copy.kind === 'ClusterRoleBinding') ref.name = `${ref.name}-${ns}`;
  return copy;
}


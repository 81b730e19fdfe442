import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  APPLY_PATHS,
  hasLessonPrefix,
  namespaceBody,
  planApply,
  PlanError,
} from '../../../lib/lessons/apply-plan';
import { LESSON_MANIFESTS } from '../../../lib/lessons/manifests/bundle';

describe('planApply', () => {
  it('plans every bundled story into the lesson namespace, one request per object', () => {
    for (const [id, yaml] of Object.entries(LESSON_MANIFESTS)) {
      const plan = planApply(yaml, `lesson-${id}`);
      assert.ok(plan.length >= 2, id);
      for (const r of plan) {
        assert.equal((r.body.metadata as { namespace: string }).namespace, `lesson-${id}`);
        assert.ok(r.path.includes(`/namespaces/lesson-${id}/`), r.path);
      }
    }
  });

  it('keeps the stories pinned to the real node when the cluster has one, and unpins them elsewhere', () => {
    type Dep = {
      kind: string;
      spec?: { template: { spec: { nodeSelector?: Record<string, string>; tolerations?: unknown[] } } };
    };
    for (const [id, yaml] of Object.entries(LESSON_MANIFESTS)) {
      const deps = (realNode: boolean) =>
        planApply(yaml, `lesson-${id}`, { realNode })
          .map((r) => r.body as unknown as Dep)
          .filter((b) => b.kind === 'Deployment');
      for (const d of deps(true))
        assert.deepEqual(d.spec?.template.spec.nodeSelector, { 'podium.dev/node': 'real' }, id);
      for (const d of deps(false)) {
        assert.equal(d.spec?.template.spec.nodeSelector, undefined, id);
        assert.ok(d.spec?.template.spec.tolerations, 'the toleration stays: harmless without the taint');
      }
    }
    // another selector of the pod template is kept
    const yaml =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n      nodeSelector: {podium.dev/node: real, disk: ssd}\n';
    const [r] = planApply(yaml, 'lesson-a', { realNode: false });
    assert.deepEqual((r?.body as unknown as Dep).spec?.template.spec.nodeSelector, { disk: 'ssd' });
  });

  it('gives the routes of a lesson hosts of its own (the gateway is shared with the demo and other lessons)', () => {
    const hosts = (id: string) =>
      planApply(LESSON_MANIFESTS[id as keyof typeof LESSON_MANIFESTS] ?? '', 'lesson-x').flatMap((r) => {
        const b = r.body as { kind: string; spec: { hostnames?: string[]; rules?: { host?: string }[] } };
        if (b.kind === 'HTTPRoute') return b.spec.hostnames ?? [];
        if (b.kind === 'Ingress') return (b.spec.rules ?? []).map((x) => x.host ?? '*');
        return [];
      });
    assert.deepEqual(hosts('canary'), ['lesson-x.echo.local']);
    assert.deepEqual(hosts('ingress-canary'), ['lesson-x.ingress.echo.local', 'lesson-x.ingress.echo.local']);
  });

  it('maps each allowed kind to its REST path', () => {
    const yaml = [
      'apps/v1 Deployment',
      'v1 Service',
      'autoscaling/v2 HorizontalPodAutoscaler',
      'networking.k8s.io/v1 Ingress',
      'v1 ConfigMap',
      'gateway.networking.k8s.io/v1 Gateway',
      'gateway.networking.k8s.io/v1 HTTPRoute',
    ]
      .map((k) => `apiVersion: ${k.split(' ')[0]}\nkind: ${k.split(' ')[1]}\nmetadata:\n  name: x\n`)
      .join('---\n');
    assert.deepEqual(
      planApply(yaml, 'lesson-a').map((r) => r.path),
      [
        '/apis/apps/v1/namespaces/lesson-a/deployments/x',
        '/api/v1/namespaces/lesson-a/services/x',
        '/apis/autoscaling/v2/namespaces/lesson-a/horizontalpodautoscalers/x',
        '/apis/networking.k8s.io/v1/namespaces/lesson-a/ingresses/x',
        '/api/v1/namespaces/lesson-a/configmaps/x',
        '/apis/gateway.networking.k8s.io/v1/namespaces/lesson-a/gateways/x',
        '/apis/gateway.networking.k8s.io/v1/namespaces/lesson-a/httproutes/x',
      ],
    );
    assert.equal(Object.keys(APPLY_PATHS).length, 7);
  });

  const refused: [string, string][] = [
    ['a Secret', 'apiVersion: v1\nkind: Secret\nmetadata: {name: x}\n'],
    [
      'a ClusterRoleBinding',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: x}\n',
    ],
    ['a Namespace', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: kube-system}\n'],
    [
      'a Deployment of an older API',
      'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: x}\n',
    ],
    ['another namespace', 'apiVersion: v1\nkind: Service\nmetadata: {name: x, namespace: kube-system}\n'],
    ['a name with a slash', 'apiVersion: v1\nkind: Service\nmetadata: {name: "../x"}\n'],
    ['no name', 'apiVersion: v1\nkind: Service\nmetadata: {}\n'],
    ['a list', '- a\n- b\n'],
    ['broken YAML', 'apiVersion: v1\nkind: [Service\n'],
  ];
  for (const [what, yaml] of refused) {
    it(`refuses ${what}, before any request`, () =>
      assert.throws(() => planApply(yaml, 'lesson-a'), PlanError));
  }
  it('refuses an invalid namespace', () => assert.throws(() => planApply('', 'Lesson_A'), PlanError));
  it('skips empty documents', () => assert.equal(planApply('---\n---\n', 'lesson-a').length, 0));
});

describe('lesson namespaces', () => {
  it('need the prefix and something after it', () => {
    assert.equal(hasLessonPrefix('lesson-canary', 'lesson-'), true);
    assert.equal(hasLessonPrefix('lesson-', 'lesson-'), false);
    assert.equal(hasLessonPrefix('default', 'lesson-'), false);
    assert.equal(hasLessonPrefix('anything', ''), false);
  });
  it('the namespace body carries the story label', () => {
    assert.deepEqual(namespaceBody('lesson-canary', 'canary'), {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'lesson-canary', labels: { 'podium.dev/lesson': 'canary' } },
    });
  });
});

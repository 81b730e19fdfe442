// The lesson routes against the local cluster's real API server, called as a browser on Podium's
// page would (Origin + CSRF), each effect read back with kubectl: set-up, the simulations, the
// refusals, clean-up. The lesson prefix is this file's own, so nothing else is touched.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureCluster, kubectl, kubectlJson, waitFor, waitForValue } from '../helpers/cluster';
import { ctx, errorOf, request } from '../unit/actions/helpers';
import { POST as setupRoute } from '../../app/api/namespaces/[namespace]/lessons/setup/route';
import { POST as cleanupRoute } from '../../app/api/namespaces/[namespace]/lessons/cleanup/route';
import { POST as simulateRoute } from '../../app/api/namespaces/[namespace]/lessons/simulate/route';
import { GET as lessonsRoute } from '../../app/api/lessons/route';

const PREFIX = `lt${Date.now().toString(36)}-`;
const NS = `${PREFIX}liveness-restarts`;
const PLAIN = `${PREFIX}plain`; // has the prefix, but was not set up by a lesson

type Handler = (req: import('next/server').NextRequest, c: ReturnType<typeof ctx>) => Promise<Response>;

async function call(
  handler: Handler,
  namespace: string,
  body?: object | string,
  opts: Parameters<typeof request>[1] = {},
) {
  const res = await handler(
    request(`/api/namespaces/${namespace}/lessons/x`, { body, ...opts }),
    ctx({ namespace }),
  );
  const json = (await res.clone().json()) as Record<string, unknown>;
  return { status: res.status, json, res };
}

interface Pod {
  metadata: { name: string; deletionTimestamp?: string; annotations?: Record<string, string> };
  status: {
    phase: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: {
      restartCount: number;
      lastState?: { terminated?: { reason?: string; exitCode?: number } };
    }[];
  };
}
const pods = async () =>
  (await kubectlJson<{ items: Pod[] }>(['-n', NS, 'get', 'pods', '-l', 'app=echo'])).items.filter(
    (p) => !p.metadata.deletionTimestamp,
  );
const runningPods = async () => (await pods()).filter((p) => p.status.phase === 'Running');
const pod = async (name: string) => kubectlJson<Pod>(['-n', NS, 'get', 'pod', name]);

before(async () => {
  ensureCluster();
  for (const k of ['PODIUM_READ_ONLY', 'PODIUM_NAMESPACES', 'PODIUM_ACTION_TOKEN', 'PODIUM_ALLOWED_ORIGINS'])
    delete process.env[k];
  process.env.PODIUM_LESSON_PREFIX = PREFIX;
  (await import('../../lib/k8s/client')).resetCluster(); // ensureCluster() just set KUBECONFIG
  await kubectl(['create', 'namespace', PLAIN]);
});

after(async () => {
  for (const ns of [NS, PLAIN])
    await kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found']).catch(() => undefined);
  delete process.env.PODIUM_LESSON_PREFIX;
  await (await import('../../lib/k8s/client')).closeConnections();
});

describe('lessons on the local cluster', () => {
  it('GET /api/lessons: the lesson namespaces with this prefix, and which nodes are simulated', async () => {
    const res = await lessonsRoute();
    assert.equal(res.status, 200);
    const info = (await res.json()) as {
      prefix: string;
      lessons: { id: string; namespace: string }[];
      cluster: { simulated: boolean; simulatedNodes: string[]; realNode: string | null };
    };
    assert.equal(info.prefix, PREFIX);
    assert.ok(info.lessons.some((l) => l.id === 'liveness-restarts' && l.namespace === NS));
    // the built-in cluster: a real node where lessons run, and kwok nodes where pods are simulated
    assert.equal(info.cluster.simulated, false);
    assert.equal(info.cluster.realNode, 'podium-real-1');
    assert.ok(info.cluster.simulatedNodes.includes('kwok-node-0'));
  });

  it('set-up: creates the namespace, applies the story, and the pods start', async () => {
    // retried on 5xx: other test files restart the shared API server now and then
    const r = await waitForValue(
      'the set-up to go through',
      async () => {
        const x = await call(setupRoute, NS, { story: 'liveness-restarts' });
        return x.status === 200 ? x : x.status >= 500 ? null : assert.fail(JSON.stringify(x.json));
      },
      60_000,
      1000,
    );
    assert.deepEqual(r.json.objects, ['Service echo', 'Deployment echo']);
    const ns = await kubectlJson<{ metadata: { labels: Record<string, string> } }>(['get', 'namespace', NS]);
    assert.equal(ns.metadata.labels['podium.dev/lesson'], 'liveness-restarts');
    const dep = await kubectlJson<{
      spec: { replicas: number };
      metadata: { managedFields: { manager: string; operation: string }[] };
    }>(['-n', NS, 'get', 'deployment', 'echo', '--show-managed-fields']);
    assert.equal(dep.spec.replicas, 3);
    assert.ok(
      dep.metadata.managedFields.some((f) => f.manager === 'podium-lessons' && f.operation === 'Apply'),
    );
    await kubectl(['-n', NS, 'get', 'service', 'echo']);
    await waitFor('3 running pods', async () => (await runningPods()).length === 3, 60_000);
  });

  it('set-up again: idempotent, and it resets what the lesson changed', async () => {
    await kubectl(['-n', NS, 'scale', 'deployment', 'echo', '--replicas=1']);
    const r = await call(setupRoute, NS, { story: 'liveness-restarts' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const dep = await kubectlJson<{ spec: { replicas: number } }>(['-n', NS, 'get', 'deployment', 'echo']);
    assert.equal(dep.spec.replicas, 3);
    await waitFor('3 running pods again', async () => (await runningPods()).length === 3, 60_000);
  });

  it('the lesson runs for real on the real node, where a simulation is refused', async () => {
    const nodes = await kubectl([
      '-n',
      NS,
      'get',
      'pods',
      '-l',
      'app=echo',
      '-o',
      'jsonpath={.items[*].spec.nodeName}',
    ]);
    assert.deepEqual([...new Set(nodes.split(' '))], ['podium-real-1']);
    const victim = (await runningPods())[0]!.metadata.name;
    const r = await call(simulateRoute, NS, { simulation: 'restart', pod: victim, reason: 'Error' });
    const e = await errorOf(r.res);
    assert.equal(r.status, 409, e.message);
    assert.equal(e.reason, 'NotSimulated');
    assert.match(e.message, /runs for real on node podium-real-1/);
    const cpu = await call(simulateRoute, NS, { simulation: 'cpu', deployment: 'echo', cpuMilli: 100 });
    assert.equal(cpu.status, 409);
  });

  it('moved to the kwok nodes, the same pods are simulated', async () => {
    await kubectl([
      '-n',
      NS,
      'patch',
      'deployment',
      'echo',
      '--type=json',
      '-p',
      JSON.stringify([{ op: 'replace', path: '/spec/template/spec/nodeSelector', value: { type: 'kwok' } }]),
    ]);
    await waitFor(
      '3 running pods on kwok nodes',
      async () => {
        const nodes = (
          await kubectl([
            '-n',
            NS,
            'get',
            'pods',
            '-l',
            'app=echo',
            '-o',
            'jsonpath={.items[*].spec.nodeName}',
          ])
        ).split(' ');
        return (
          nodes.length === 3 &&
          nodes.every((n) => n.startsWith('kwok-node-')) &&
          (await runningPods()).length === 3
        );
      },
      90_000,
    );
  });

  it('simulate restart: the pod’s restartCount rises, with the reason', async () => {
    const victim = (await runningPods())[0]!.metadata.name;
    const r = await call(simulateRoute, NS, { simulation: 'restart', pod: victim, reason: 'OOMKilled' });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual(r.json.pods, [victim]);
    const p = await waitForValue(
      'restartCount 1',
      async () => {
        const x = await pod(victim);
        return (x.status.containerStatuses?.[0]?.restartCount ?? 0) >= 1 ? x : null;
      },
      30_000,
    );
    const last = p.status.containerStatuses?.[0]?.lastState?.terminated;
    assert.equal(last?.reason, 'OOMKilled');
    assert.equal(last?.exitCode, 137);

    // a second one goes one further
    await waitFor(
      'the pod running again',
      async () =>
        (await pod(victim)).status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      30_000,
    );
    const again = await call(simulateRoute, NS, { simulation: 'restart', pod: victim, reason: 'Error' });
    assert.equal(again.status, 200, JSON.stringify(again.json));
    await waitFor(
      'restartCount 2 with Error',
      async () => {
        const c = (await pod(victim)).status.containerStatuses?.[0];
        return c?.restartCount === 2 && c.lastState?.terminated?.reason === 'Error';
      },
      30_000,
    );
  });

  it('simulate readiness: the pod turns unready, and ready again', async () => {
    const name = (await runningPods())[1]!.metadata.name;
    const ready = async () => (await pod(name)).status.conditions?.find((c) => c.type === 'Ready')?.status;
    assert.equal(
      (await call(simulateRoute, NS, { simulation: 'ready', pod: name, ready: false })).status,
      200,
    );
    await waitFor('Ready=False', async () => (await ready()) === 'False', 30_000);
    assert.equal(
      (await call(simulateRoute, NS, { simulation: 'ready', pod: name, ready: true })).status,
      200,
    );
    await waitFor('Ready=True', async () => (await ready()) === 'True', 30_000);
  });

  it('simulate CPU: every pod of the deployment reports the usage, and only that annotation changes', async () => {
    const r = await call(simulateRoute, NS, { simulation: 'cpu', deployment: 'echo', cpuMilli: 250 });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const all = await pods();
    assert.equal((r.json.pods as string[]).length, all.length);
    for (const p of all)
      assert.equal(p.metadata.annotations?.['kwok.x-k8s.io/usage-cpu'], '250m', p.metadata.name);
  });

  describe('refusals', () => {
    // one refusal a row: a table reads better than prettier's one field a line
    // prettier-ignore
    const cases: { title: string; handler: Handler; ns: () => string; body?: object | string; opts?: Parameters<typeof request>[1]; status: number; reason: string }[] = [
      { title: 'set-up into a namespace without the prefix', handler: setupRoute, ns: () => 'default', body: { story: 'liveness-restarts' }, status: 403, reason: 'NotALessonNamespace' },
      { title: 'set-up into the bare prefix', handler: setupRoute, ns: () => PREFIX.slice(0, -1), body: { story: 'canary' }, status: 403, reason: 'NotALessonNamespace' },
      { title: 'set-up of an unknown story', handler: setupRoute, ns: () => NS, body: { story: 'prod-db' }, status: 400, reason: 'BadRequest' },
      { title: 'set-up with an extra field', handler: setupRoute, ns: () => NS, body: { story: 'canary', manifests: 'kind: Secret' }, status: 400, reason: 'BadRequest' },
      { title: 'set-up without Origin', handler: setupRoute, ns: () => NS, body: { story: 'canary' }, opts: { origin: null }, status: 403, reason: 'BadOrigin' },
      { title: 'set-up without CSRF', handler: setupRoute, ns: () => NS, body: { story: 'canary' }, opts: { csrfHeader: null }, status: 403, reason: 'BadCsrf' },
      { title: 'simulation in a namespace without the prefix', handler: simulateRoute, ns: () => 'kube-system', body: { simulation: 'cpu', deployment: 'echo', cpuMilli: 100 }, status: 403, reason: 'NotALessonNamespace' },
      { title: 'unknown simulation', handler: simulateRoute, ns: () => NS, body: { simulation: 'delete-node', node: 'kwok-node-0' }, status: 400, reason: 'BadRequest' },
      { title: 'simulation that sets another annotation', handler: simulateRoute, ns: () => NS, body: { simulation: 'ready', pod: 'x', ready: true, annotations: { a: 'b' } }, status: 400, reason: 'BadRequest' },
      { title: 'CPU above 4000m', handler: simulateRoute, ns: () => NS, body: { simulation: 'cpu', deployment: 'echo', cpuMilli: 4001 }, status: 400, reason: 'BadRequest' },
      { title: 'CPU of 0', handler: simulateRoute, ns: () => NS, body: { simulation: 'cpu', deployment: 'echo', cpuMilli: 0 }, status: 400, reason: 'BadRequest' },
      { title: 'CPU as a quantity string', handler: simulateRoute, ns: () => NS, body: { simulation: 'cpu', deployment: 'echo', cpuMilli: '200m' }, status: 400, reason: 'BadRequest' },
      { title: 'CPU as a fraction', handler: simulateRoute, ns: () => NS, body: { simulation: 'cpu', deployment: 'echo', cpuMilli: 12.5 }, status: 400, reason: 'BadRequest' },
      { title: 'restart with an unknown reason', handler: simulateRoute, ns: () => NS, body: { simulation: 'restart', pod: 'x', reason: 'Evicted' }, status: 400, reason: 'BadRequest' },
      { title: 'restart of a pod that does not exist', handler: simulateRoute, ns: () => NS, body: { simulation: 'restart', pod: 'nope', reason: 'Error' }, status: 404, reason: 'NotFound' },
      { title: 'clean-up of a namespace without the prefix', handler: cleanupRoute, ns: () => 'default', status: 403, reason: 'NotALessonNamespace' },
      { title: 'clean-up of a prefixed namespace no lesson set up', handler: cleanupRoute, ns: () => PLAIN, status: 409, reason: 'NotALesson' },
    ];
    for (const c of cases) {
      it(`${c.title} → ${c.status} ${c.reason}`, async () => {
        const r = await call(c.handler, c.ns(), c.body, c.opts);
        const e = await errorOf(r.res);
        assert.equal(r.status, c.status, e.message);
        assert.equal(e.reason, c.reason, e.message);
        assert.ok(e.message.length > 10);
      });
    }

    it('unknown simulation says which ones exist; a bad CPU value says the bounds', async () => {
      const unknown = await errorOf((await call(simulateRoute, NS, { simulation: 'delete-node' })).res);
      assert.match(unknown.message, /"restart", "ready" or "cpu"/);
      const cpu = await errorOf(
        (await call(simulateRoute, NS, { simulation: 'cpu', deployment: 'echo', cpuMilli: 9000 })).res,
      );
      assert.match(cpu.message, /cpuMilli: must be at most 4000/);
    });

    it('nothing refused changed the namespaces', async () => {
      await kubectl(['get', 'namespace', PLAIN]);
      await assert.rejects(kubectl(['-n', 'default', 'get', 'deployment', 'echo']));
    });
  });

  it('clean-up: the lesson namespace is deleted', async () => {
    const r = await call(cleanupRoute, NS);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.alreadyDeleting, false);
    await waitFor(
      'the namespace terminating or gone',
      async () => {
        const out = await kubectl([
          'get',
          'namespace',
          NS,
          '--ignore-not-found',
          '-o',
          'jsonpath={.status.phase}',
        ]);
        return out === '' || out === 'Terminating';
      },
      30_000,
    );
    const again = await call(cleanupRoute, NS);
    assert.ok(again.status === 200 || again.status === 404, JSON.stringify(again.json));
  });
});

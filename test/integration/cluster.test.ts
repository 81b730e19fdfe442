// The local cluster itself (issue 2): real controllers, kwok pods, stages, metrics and a real HPA.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { apply, deploymentYaml, kubectl, kubectlJson, testNamespace, waitFor, waitForValue } from '../helpers/cluster';

const ns = testNamespace('cluster');

interface PodList {
  items: {
    metadata: { name: string; annotations?: Record<string, string> };
    status: {
      phase: string;
      conditions?: { type: string; status: string }[];
      containerStatuses?: {
        restartCount: number;
        lastState?: { terminated?: { reason: string; exitCode: number } };
      }[];
    };
  }[];
}
const pods = (selector: string) => kubectlJson<PodList>(['-n', ns.name, 'get', 'pods', '-l', selector]);
const readyCount = async (selector: string) =>
  (await pods(selector)).items.filter(
    (p) =>
      p.status.phase === 'Running' &&
      p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
  ).length;

describe('local cluster', () => {
  it('keeps pod and service traffic on this machine: pod IPs route into our namespace, never the default route', () => {
    const pods = execFileSync('ip', ['route', 'show', '10.244.0.0/16'], { encoding: 'utf8' });
    assert.match(pods, /via 10\.254\.0\.2 dev podium0/);
    assert.match(pods, /unreachable 10\.244\.0\.0\/16/);
    assert.match(execFileSync('ip', ['route', 'show', '10.96.0.0/16'], { encoding: 'utf8' }), /unreachable/);
    assert.match(execFileSync('ip', ['route', 'get', '10.244.7.7'], { encoding: 'utf8' }), /dev podium0/);
    // the real node's pods: a more specific route to its bridge, and nothing else
    assert.match(
      execFileSync('ip', ['route', 'get', '10.244.200.7'], { encoding: 'utf8' }),
      /dev cni-podium/,
    );
    // nothing is forwarded from the pods' bridge anywhere but back onto it
    assert.match(
      execFileSync('nft', ['list', 'table', 'inet', 'podium-node'], { encoding: 'utf8' }),
      /iifname "cni-podium" oifname != "cni-podium" counter packets \d+ bytes \d+ drop/,
    );
  });

  it('reports version v1.36.1', async () => {
    const v = JSON.parse(await kubectl(['get', '--raw', '/version'])) as { gitVersion: string };
    assert.equal(v.gitVersion, 'v1.36.1');
  });

  const scaleThree = (replicas: number) =>
    kubectl([
      '-n',
      ns.name,
      'patch',
      'deployment/three',
      '--subresource=scale',
      '--type=merge',
      '-p',
      JSON.stringify({ spec: { replicas } }),
    ]);

  it('runs a Deployment of 3 to 3 Running and Ready pods, and follows the scale subresource', async () => {
    await apply(ns.name, deploymentYaml('three', { replicas: 3 }));
    await waitFor('3 ready pods', async () => (await readyCount('app=three')) === 3, 60_000);
    await scaleThree(5);
    await waitFor('5 ready pods', async () => (await readyCount('app=three')) === 5, 60_000);
    await scaleThree(1);
    await waitFor('1 pod left', async () => (await pods('app=three')).items.length === 1, 60_000);
  });

  it('restarts a container through the stage, with the reason in lastState', async () => {
    const [pod] = (await pods('app=three')).items;
    assert.ok(pod);
    await kubectl([
      '-n',
      ns.name,
      'annotate',
      'pod',
      pod.metadata.name,
      'sim.podium.dev/restarts=2',
      'sim.podium.dev/restart-reason=Error',
    ]);
    const status = await waitForValue(
      'restartCount 2',
      async () => {
        const p = (await pods('app=three')).items.find((x) => x.metadata.name === pod.metadata.name);
        const c = p?.status.containerStatuses?.[0];
        return c && c.restartCount === 2 ? c : null;
      },
      30_000,
    );
    assert.equal(status.lastState?.terminated?.reason, 'Error');
    assert.equal(status.lastState?.terminated?.exitCode, 1);
    await waitFor('ready again after the restart', async () => (await readyCount('app=three')) === 1, 30_000);
  });

  it('turns a pod unready and ready again', async () => {
    const [pod] = (await pods('app=three')).items;
    assert.ok(pod);
    await kubectl([
      '-n',
      ns.name,
      'annotate',
      'pod',
      pod.metadata.name,
      'sim.podium.dev/ready=false',
      '--overwrite',
    ]);
    await waitFor('unready', async () => (await readyCount('app=three')) === 0, 30_000);
    await kubectl([
      '-n',
      ns.name,
      'annotate',
      'pod',
      pod.metadata.name,
      'sim.podium.dev/ready=true',
      '--overwrite',
    ]);
    await waitFor('ready again', async () => (await readyCount('app=three')) === 1, 30_000);
  });

  it('serves the annotated usage through the metrics API', { timeout: 120_000 }, async () => {
    await apply(
      ns.name,
      deploymentYaml('metered', {
        replicas: 1,
        podAnnotations: { 'kwok.x-k8s.io/usage-cpu': '250m', 'kwok.x-k8s.io/usage-memory': '96Mi' },
      }),
    );
    const usage = await waitForValue(
      'pod metrics',
      async () => {
        const list = JSON.parse(
          await kubectl(['get', '--raw', `/apis/metrics.k8s.io/v1beta1/namespaces/${ns.name}/pods`]),
        ) as {
          items: { metadata: { name: string }; containers: { usage: { cpu: string; memory: string } }[] }[];
        };
        const m = list.items.find((i) => i.metadata.name.startsWith('metered-'));
        return m?.containers[0]?.usage;
      },
      90_000,
      2000,
    );
    const milli = usage.cpu.endsWith('n')
      ? Number(usage.cpu.slice(0, -1)) / 1e6
      : usage.cpu.endsWith('m')
        ? Number(usage.cpu.slice(0, -1))
        : Number(usage.cpu) * 1000;
    assert.ok(Math.abs(milli - 250) < 30, `cpu ${usage.cpu} is about 250m`);
    assert.ok(['96Mi', `${96 * 1024}Ki`].includes(usage.memory), `memory ${usage.memory} is 96Mi`);
  });

  it(
    'scales a Deployment up with a real HPA when usage passes the target',
    { timeout: 240_000 },
    async () => {
      await apply(
        ns.name,
        deploymentYaml('busy', {
          replicas: 1,
          cpuRequest: '100m',
          podAnnotations: { 'kwok.x-k8s.io/usage-cpu': '20m' },
        }),
      );
      await apply(
        ns.name,
        `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: busy}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: busy}
  minReplicas: 1
  maxReplicas: 5
  metrics:
  - type: Resource
    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}
  behavior:
    scaleUp: {stabilizationWindowSeconds: 0}
`,
      );
      const hpa = () =>
        kubectlJson<{
          status: {
            desiredReplicas?: number;
            currentMetrics?: { resource?: { current?: { averageUtilization?: number } } }[];
          };
        }>(['-n', ns.name, 'get', 'hpa', 'busy']);
      const { low } = await waitForValue(
        'the HPA to read 20 %',
        async () => {
          const low = (await hpa()).status.currentMetrics?.[0]?.resource?.current?.averageUtilization;
          return low ? { low } : null; // none or 0: the HPA has not read the usage yet
        },
        120_000,
        2000,
      );
      assert.ok(low <= 30, `utilization ${low} % at 20m of 100m`);
      // Load arrives: 90m of 100m requested on the pod = 90 % > 50 % -> ceil(1 * 90 / 50) = 2 replicas.
      const [pod] = (await pods('app=busy')).items;
      assert.ok(pod);
      await kubectl([
        '-n',
        ns.name,
        'annotate',
        'pod',
        pod.metadata.name,
        'kwok.x-k8s.io/usage-cpu=90m',
        '--overwrite',
      ]);
      await waitFor(
        'the HPA to scale up',
        async () => ((await hpa()).status.desiredReplicas ?? 0) >= 2,
        150_000,
        2000,
      );
      await waitFor('the Deployment to follow', async () => (await readyCount('app=busy')) >= 2, 60_000);
      const status = (await hpa()).status;
      assert.ok((status.currentMetrics?.[0]?.resource?.current?.averageUtilization ?? 0) > 0);
    },
  );
});

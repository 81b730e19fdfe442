// The local cluster's real node (issue 8): the real kubelet with containerd and runc runs the demo
// app, so a crash, a hang, a failing probe and an unknown image are the kubelet's and the runtime's
// own, and logs, exec and port-forward work. Requests go through the API server's pods/proxy.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, it } from 'node:test';
import {
  KUBECONFIG,
  apply,
  kubectl,
  kubectlJson,
  kubectlPath,
  testNamespace,
  waitFor,
  waitForValue,
} from '../helpers/cluster';
import {
  REAL_NODE,
  apiGet,
  closeConnections,
  demoDeployment,
  eventsFor,
  isReady,
  podProxy,
  podsOf,
  type Pod,
} from '../helpers/real-node';

after(closeConnections);
const ns = testNamespace('realnode');
const fromKubelet = (e: { source?: { component?: string }; reportingComponent?: string }) =>
  e.source?.component === 'kubelet' || e.reportingComponent === 'kubelet';

/** A pod of `selector` that is Ready and whose app answers (a pod without a readiness probe is
 * Ready as soon as its container starts, a moment before Node listens). */
async function onePod(selector: string, what = 'a ready pod'): Promise<Pod> {
  return waitForValue(
    what,
    async () => {
      const pod = (await podsOf(ns.name, selector)).find(isReady);
      if (!pod) return null;
      const a = await apiGet(podProxy(ns.name, pod.metadata.name, '/healthz'), 2_000);
      return a.status === 200 ? pod : null;
    },
    90_000,
    500,
  );
}

describe('real node', () => {
  it('is Ready, labelled, tainted, with a pod CIDR of its own on our bridge', async () => {
    const node = await kubectlJson<{
      metadata: { labels: Record<string, string> };
      spec: { podCIDR?: string; taints?: { key: string; effect: string }[] };
      status: {
        nodeInfo: { kubeletVersion: string; containerRuntimeVersion: string };
        addresses: { type: string; address: string }[];
      };
    }>(['get', 'node', REAL_NODE]);
    assert.equal(node.metadata.labels['podium.dev/node'], 'real');
    assert.ok(node.spec.taints?.some((t) => t.key === 'podium.dev/real-node' && t.effect === 'NoSchedule'));
    assert.equal(node.spec.podCIDR, '10.244.200.0/24');
    assert.equal(node.status.nodeInfo.kubeletVersion, 'v1.36.1');
    assert.match(node.status.nodeInfo.containerRuntimeVersion, /^containerd:\/\//);
    assert.deepEqual(
      node.status.addresses.find((a) => a.type === 'InternalIP'),
      { type: 'InternalIP', address: '10.254.0.1' },
    );
    // kwok keeps its own nodes; they report a loopback InternalIP, so no node name is looked up
    const kwok = await kubectlJson<{ status: { addresses: { type: string; address: string }[] } }>([
      'get',
      'node',
      'kwok-node-0',
    ]);
    assert.equal(kwok.status.addresses.find((a) => a.type === 'InternalIP')?.address, '127.0.0.1');
  });

  it('runs the demo app for real: an IP on the bridge, answers through pods/proxy, logs, exec, port-forward', async () => {
    await apply(ns.name, demoDeployment('web', { version: '3.1.4' }));
    const pod = await onePod('app=web');
    assert.equal(pod.spec.nodeName, REAL_NODE);
    assert.match(pod.status.podIP ?? '', /^10\.244\.200\.\d+$/);

    const answer = await apiGet(podProxy(ns.name, pod.metadata.name, '/version'));
    assert.equal(answer.status, 200, answer.body);
    assert.deepEqual(JSON.parse(answer.body), { version: '3.1.4', pod: pod.metadata.name, ip: null });

    const logs = await kubectl(['-n', ns.name, 'logs', pod.metadata.name]);
    assert.match(logs, /"msg":"start"|"event":"start"|start/);
    const out = await kubectl(['-n', ns.name, 'exec', pod.metadata.name, '--', 'cat', '/app/package.json']);
    assert.match(out, /"name": "podium-demo"/);

    // port-forward: the kubelet's stream server, through the API server, to 127.0.0.1
    const pf = spawn(
      kubectlPath(),
      ['--kubeconfig', KUBECONFIG, '-n', ns.name, 'port-forward', `pod/${pod.metadata.name}`, ':8080'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('port-forward did not start in 20 s')), 20_000);
        pf.stdout.on('data', (d: Buffer) => {
          const m = /127\.0\.0\.1:(\d+)/.exec(d.toString());
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
        pf.once('exit', (code) => reject(new Error(`port-forward exited ${code}`)));
      });
      const res = await fetch(`http://127.0.0.1:${port}/version`, { signal: AbortSignal.timeout(5_000) });
      assert.equal(((await res.json()) as { version: string }).version, '3.1.4');
    } finally {
      pf.kill();
    }
  });

  it('/seppuku: the process exits 1, the kubelet restarts it (restartCount +1, lastState, its own events)', async () => {
    const pod = await onePod('app=web');
    const before = pod.status.containerStatuses?.[0]?.restartCount ?? 0;
    const answer = await apiGet(podProxy(ns.name, pod.metadata.name, '/seppuku'));
    assert.equal(answer.status, 200, answer.body);
    const after = await waitForValue(
      'a restart after /seppuku',
      async () => {
        const p = (await podsOf(ns.name, 'app=web')).find((x) => x.metadata.uid === pod.metadata.uid);
        const c = p?.status.containerStatuses?.[0];
        return c && c.restartCount > before && c.lastState?.terminated ? c : null;
      },
      60_000,
      250,
    );
    assert.equal(after.restartCount, before + 1);
    assert.equal(after.lastState?.terminated?.exitCode, 1);
    assert.equal(after.lastState?.terminated?.reason, 'Error');
    const events = await waitForValue('Started twice', async () => {
      const ev = (await eventsFor(ns.name, pod.metadata.name)).filter(fromKubelet);
      const started = ev.filter((e) => e.reason === 'Started').reduce((n, e) => n + (e.count ?? 1), 0);
      return started >= 2 ? ev : null;
    });
    assert.ok(events.some((e) => e.reason === 'Created'));
  });

  it('/inemuri: the liveness probe fails 3 times, the kubelet kills and restarts the container', async () => {
    await apply(
      ns.name,
      demoDeployment('sleepy', {
        env: { INEMURI_SECONDS: '10' },
        container: `        livenessProbe:
          httpGet: {path: /healthz, port: http}
          periodSeconds: 1
          timeoutSeconds: 1
          failureThreshold: 3`,
      }),
    );
    const pod = await onePod('app=sleepy');
    const t0 = Date.now();
    const answer = await apiGet(podProxy(ns.name, pod.metadata.name, '/inemuri'));
    assert.equal(answer.status, 200, answer.body);
    await waitFor(
      'a liveness restart',
      async () => {
        const p = (await podsOf(ns.name, 'app=sleepy')).find((x) => x.metadata.uid === pod.metadata.uid);
        return (p?.status.containerStatuses?.[0]?.restartCount ?? 0) > 0;
      },
      60_000,
      200,
    );
    const seconds = (Date.now() - t0) / 1000;
    console.log(`# /inemuri -> restart seen after ${seconds.toFixed(1)} s (period 1 s, threshold 3)`);
    assert.ok(seconds < 15, `restart after ${seconds} s`);
    const events = (await eventsFor(ns.name, pod.metadata.name)).filter(fromKubelet);
    const unhealthy = events.find((e) => e.reason === 'Unhealthy');
    assert.match(unhealthy?.message ?? '', /^Liveness probe failed/);
    const killing = events.find((e) => e.reason === 'Killing');
    assert.match(killing?.message ?? '', /failed liveness probe, will be restarted/);
  });

  it('runs probes of every type for real: tcpSocket readiness, exec liveness, httpGet, each passing and failing (seed 004)', async () => {
    const probes = (port: string, path: string, cmd: string) => `        readinessProbe:
          tcpSocket: {port: ${port}}
          periodSeconds: 1
        startupProbe:
          httpGet: {path: ${path}, port: 8080}
          periodSeconds: 1
          failureThreshold: 60
        livenessProbe:
          exec: {command: ${cmd}}
          periodSeconds: 2
          timeoutSeconds: 3
          failureThreshold: 2`;
    await apply(
      ns.name,
      [
        demoDeployment('probes-ok', {
          container: probes('http', '/healthz', `['node', '/app/src/liveness.ts']`),
        }),
        demoDeployment('tcp-fails', {
          container: probes('9999', '/healthz', `['node', '/app/src/liveness.ts']`),
        }),
        demoDeployment('http-fails', {
          container: probes('http', '/nope', `['node', '/app/src/liveness.ts']`),
        }),
        demoDeployment('exec-fails', { container: probes('http', '/healthz', `['sh', '-c', 'exit 3']`) }),
      ].join('---\n'),
    );
    await onePod('app=probes-ok', 'all three probes passing');

    const events = async (app: string) => {
      const [p] = await podsOf(ns.name, `app=${app}`);
      return p
        ? (await eventsFor(ns.name, p.metadata.name)).filter(
            (e) => e.reason === 'Unhealthy' && fromKubelet(e),
          )
        : [];
    };
    const tcp = await waitForValue('tcpSocket readiness failing', async () =>
      (await events('tcp-fails')).find((e) =>
        /^Readiness probe failed: dial tcp .*:9999: connect: connection refused/.test(e.message ?? ''),
      ),
    );
    assert.ok(tcp);
    const [tcpPod] = await podsOf(ns.name, 'app=tcp-fails');
    assert.equal(tcpPod?.status.containerStatuses?.[0]?.ready, false);
    assert.equal(tcpPod?.status.phase, 'Running');

    const http = await waitForValue('httpGet startup probe failing', async () =>
      (await events('http-fails')).find((e) =>
        /^Startup probe failed: HTTP probe failed with statuscode: 404/.test(e.message ?? ''),
      ),
    );
    assert.ok(http);

    await waitFor(
      'exec liveness failing, then a restart',
      async () => {
        const [p] = await podsOf(ns.name, 'app=exec-fails');
        const failed = (await events('exec-fails')).some((e) =>
          /^Liveness probe failed/.test(e.message ?? ''),
        );
        return failed && (p?.status.containerStatuses?.[0]?.restartCount ?? 0) > 0;
      },
      90_000,
      500,
    );
  });

  it("fails a pod with an unknown image with the runtime's own ErrImagePull, never pulling", async () => {
    await apply(ns.name, demoDeployment('ghost', { image: 'podium-does-not-exist:0.0.1' }));
    const waiting = await waitForValue(
      'ErrImagePull or ImagePullBackOff',
      async () => {
        const [p] = await podsOf(ns.name, 'app=ghost');
        const w = p?.status.containerStatuses?.[0]?.state?.waiting;
        return w && /ErrImagePull|ImagePullBackOff/.test(w.reason) ? w : null;
      },
      60_000,
      500,
    );
    const [p] = await podsOf(ns.name, 'app=ghost');
    const failed = (await eventsFor(ns.name, p!.metadata.name)).find(
      (e) => e.reason === 'Failed' && /pull/i.test(e.message ?? ''),
    );
    // the pull went to containerd's refusing proxy on 127.0.0.1:9, nowhere else
    assert.match(failed?.message ?? waiting.message ?? '', /127\.0\.0\.1:9|proxyconnect|connection refused/);
  });

  it('serves real cgroup CPU and memory through the metrics API (kubectl top)', async () => {
    const pod = await onePod('app=web');
    const usage = await waitForValue(
      'pod metrics from the real kubelet',
      async () => {
        const raw = await kubectl([
          'get',
          '--raw',
          `/apis/metrics.k8s.io/v1beta1/namespaces/${ns.name}/pods/${pod.metadata.name}`,
        ]).catch(() => null);
        const m = raw
          ? (JSON.parse(raw) as { containers?: { usage: { cpu: string; memory: string } }[] })
          : null;
        return m?.containers?.[0]?.usage ?? null;
      },
      60_000,
      1000,
    );
    // a Node process holds tens of MiB; kwok's annotation-driven usage would be exactly 0 here
    const mem = Number(/^(\d+)Ki$/.exec(usage.memory)?.[1] ?? 0) * 1024;
    assert.ok(mem > 10 * 2 ** 20, `memory ${usage.memory}`);
    const top = await kubectl(['-n', ns.name, 'top', 'pod', pod.metadata.name, '--no-headers']);
    assert.match(top, new RegExp(`^${pod.metadata.name}\\s+\\d+m\\s+\\d+Mi`));
  });
});

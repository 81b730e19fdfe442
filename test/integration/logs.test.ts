// Logs on the local cluster's real node: the demo app's own lines (one JSON object per line), read
// through Podium's logs routes called in-process. One upstream stream per container whatever the
// viewers; the lanes cap; a pod deleted mid-stream; a container that has not started yet; the
// previous container after /seppuku; a process writing hostile bytes, and one writing 10,000
// lines/s. Requests to the app go through the API server's services/proxy and pods/proxy.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { KUBECONFIG, apply, kubectl, testNamespace } from '../helpers/cluster';
import type { PermissionsAnswer } from '../../lib/models/contract';
import { apiGet, closeConnections, demoDeployment, expectRealNode, podProxy, podsOf, isReady, serviceProxy, serviceYaml } from '../helpers/real-node';
import { waitFor } from '../helpers/wait';
import { ctx, errorOf, request, withEnv } from '../unit/actions/helpers';
import type { LogLine } from '../../lib/models/logs/line';
import type { LaneState, LogsMessages, PodLogsAnswer } from '../../lib/models/logs/wire';

process.env.PODIUM_LOG_LINGER_MS = '1500';

const ns = testNamespace('logs');
const real = await expectRealNode();

type DeploymentRoute = typeof import('../../app/api/namespaces/[namespace]/deployments/[name]/logs/route');
type PodRoute = typeof import('../../app/api/namespaces/[namespace]/pods/[pod]/logs/route');
let deploymentLogs: DeploymentRoute['GET'];
let podLogs: PodRoute['GET'];
let logs: typeof import('../../lib/k8s/logs/registry');

/** A viewer of an SSE logs response: every event kept, lines merged as they come. */
class Viewer {
  lines: LogLine[] = [];
  lanes: LaneState[] = [];
  capped: LogsMessages['capped'] | null = null;
  private reader: ReadableStreamDefaultReader<Uint8Array>;
  private done = false;
  constructor(res: Response) {
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
    this.reader = res.body!.getReader();
    void this.pump();
  }
  private async pump() {
    const dec = new TextDecoder();
    let buf = '';
    while (!this.done) {
      const { done, value } = await this.reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) break;
      buf += dec.decode(value, { stream: true });
      let at;
      while ((at = buf.indexOf('\n\n')) !== -1) {
        const block = buf.slice(0, at);
        buf = buf.slice(at + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!event || data === undefined) continue;
        const parsed = JSON.parse(data) as unknown;
        if (event === 'lines') this.lines.push(...(parsed as LogLine[]));
        if (event === 'lanes') this.lanes = parsed as LaneState[];
        if (event === 'capped') this.capped = parsed as LogsMessages['capped'];
      }
    }
  }
  close() {
    this.done = true;
    void this.reader.cancel().catch(() => undefined);
  }
  texts(pod?: string) {
    return this.lines.filter((l) => !pod || l.pod === pod).map((l) => l.text);
  }
}

const get = (path: string) => request(path, { method: 'GET', origin: null, csrfHeader: null, csrfCookie: null });
const openDeployment = async (name: string, query = '') =>
  new Viewer(await deploymentLogs(get(`/api/namespaces/${ns.name}/deployments/${name}/logs${query}`), ctx({ namespace: ns.name, name })));
const followPod = async (pod: string, query = '') =>
  new Viewer(await podLogs(get(`/api/namespaces/${ns.name}/pods/${pod}/logs?follow=true${query}`), ctx({ namespace: ns.name, pod })));
const readPod = (pod: string, query = '') => podLogs(get(`/api/namespaces/${ns.name}/pods/${pod}/logs${query}`), ctx({ namespace: ns.name, pod }));

async function readyPods(selector: string, n: number): Promise<string[]> {
  let names: string[] = [];
  await waitFor(`${n} ready pods of ${selector}`, async () => {
    names = (await podsOf(ns.name, selector)).filter(isReady).map((p) => p.metadata.name).sort();
    // Ready comes as the container starts (no readiness probe), a moment before the app listens
    const answering = await Promise.all(names.map(async (p) => (await apiGet(podProxy(ns.name, p, '/healthz'), 2_000)).status === 200));
    return (names.length === n && answering.every(Boolean)) || `${names.length} ready, answering: ${answering}`;
  }, 120_000, 500);
  return names;
}

/** A pod of the demo image running a node script instead of the app. */
const scriptPod = (name: string, script: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}}
spec:
  nodeSelector: {podium.dev/node: real}
  tolerations: [{key: podium.dev/real-node, operator: Exists, effect: NoSchedule}]
  terminationGracePeriodSeconds: 1
  restartPolicy: Never
  containers:
  - name: main
    image: podium-demo:1.0.0
    imagePullPolicy: IfNotPresent
    command: [node, -e, ${JSON.stringify(script)}]
    resources: {requests: {cpu: 50m, memory: 32Mi}, limits: {cpu: 500m, memory: 128Mi}}
`;

describe('logs on the real node', { skip: !real }, () => {
  let web: string[] = [];
  before(async () => {
    for (const k of ['PODIUM_READ_ONLY', 'PODIUM_NAMESPACES', 'PODIUM_LOGS']) delete process.env[k];
    (await import('../../lib/k8s/client')).resetCluster();
    ({ GET: deploymentLogs } = await import('../../app/api/namespaces/[namespace]/deployments/[name]/logs/route'));
    ({ GET: podLogs } = await import('../../app/api/namespaces/[namespace]/pods/[pod]/logs/route'));
    logs = await import('../../lib/k8s/logs/registry');
    await apply(ns.name, [demoDeployment('web', { replicas: 2 }), serviceYaml('web', { app: 'web' })].join('---\n'));
    web = await readyPods('app=web', 2);
  });
  after(async () => {
    logs.stopAllLogs();
    (await import('../../lib/k8s/watch-hub')).stopAll();
    await (await import('../../lib/k8s/client')).closeConnections();
    await closeConnections();
  });

  it('follows every pod of a Deployment with one upstream per container, whatever the viewers', async () => {
    const viewers = [await openDeployment('web'), await openDeployment('web'), await openDeployment('web', '?tailLines=5')];
    await waitFor('every viewer sees both lanes streaming', () =>
      viewers.every((v) => v.lanes.length === 2 && v.lanes.every((l) => l.status === 'streaming')) || JSON.stringify(viewers.map((v) => v.lanes)),
    );
    assert.equal(logs.logStats().upstreams, 2, JSON.stringify(logs.logStats()));
    assert.equal(logs.logStats().viewers, 6);
    // the app's first line comes first: the server's recent lines
    await waitFor('every viewer has the start lines', () =>
      viewers.every((v) => v.lines.filter((l) => l.text.includes('"event":"start"')).length === 2) || JSON.stringify(viewers.map((v) => v.texts().length)),
    );
    const marker = `marker-${Date.now().toString(36)}`;
    const answer = await apiGet(serviceProxy(ns.name, 'web', `/${marker}`));
    assert.equal(answer.status, 404); // the app answers unknown paths, and logs them
    await waitFor('every viewer sees the marker line', () =>
      viewers.every((v) => v.lines.some((l) => l.text.includes(marker))) || 'not yet',
    );
    const line = viewers[0]!.lines.find((l) => l.text.includes(marker))!;
    assert.ok(web.includes(line.pod), line.pod);
    assert.equal(logs.logStats().upstreams, 2, 'still one per container');
    for (const v of viewers) v.close();
    await waitFor('the upstreams stop after the last viewer leaves', () => logs.logStats().upstreams === 0 || JSON.stringify(logs.logStats()));
  });

  it('resumes a cut stream from its last timestamp, without repeating a line, and says it retried', async () => {
    const v = await openDeployment('web');
    await waitFor('streaming', () => (v.lanes.length === 2 && v.lanes.every((l) => l.status === 'streaming')) || JSON.stringify(v.lanes));
    const pod = web[0]!;
    for (let i = 0; i < 3; i++) await apiGet(podProxy(ns.name, pod, `/before-${i}`));
    await waitFor('the lines before', () => v.texts(pod).some((t) => t.includes('/before-2')) || `${v.texts(pod).length} lines`);
    const connects = logs.logStats().connects;
    assert.equal(logs.interruptLogs(ns.name, pod, 'app'), true);
    await waitFor('it reconnects', () => logs.logStats().connects > connects || JSON.stringify(logs.logStats()), 30_000);
    for (let i = 0; i < 3; i++) await apiGet(podProxy(ns.name, pod, `/after-${i}`));
    await waitFor('the lines after', () => v.texts(pod).some((t) => t.includes('/after-2')) || v.texts(pod).slice(-3).join(' | '), 30_000);
    const texts = v.lines.filter((l) => l.pod === pod && !l.marker).map((l) => `${l.key} ${l.text}`);
    assert.deepEqual(texts.filter((t, i) => texts.indexOf(t) !== i), [], 'no line twice');
    assert.equal(texts.filter((t) => t.includes('/before-0')).length, 1);
    v.close();
  });

  it('follows at most the cap of containers, and names the pods it does not follow', async () => {
    const { followLogs, ofDeployment } = await import('../../lib/k8s/logs/follow-logs');
    let capped: LogsMessages['capped'] | null = null;
    let lanes: LaneState[] = [];
    const stop = followLogs(ns.name, ofDeployment('web'), { limit: 1 }, {
      send: (event, data) => {
        if (event === 'capped') capped = data as LogsMessages['capped'];
        if (event === 'lanes') lanes = data as LaneState[];
      },
    });
    try {
      await waitFor('capped', () => (capped !== null && lanes.length === 1) || 'not yet');
      assert.equal(capped!.limit, 1);
      assert.deepEqual([lanes[0]!.pod, ...capped!.notFollowed].sort(), web);
      // (the followers of the tests before linger a moment after their viewers left)
      await waitFor('one follower', () => logs.logStats().followers === 1 || JSON.stringify(logs.logStats()));
    } finally {
      stop();
    }
  });

  it("gives one pod's logs; 404 for no such pod or container; no previous container before a crash", async () => {
    const res = await readPod(web[0]!, '?tailLines=10');
    assert.equal(res.status, 200);
    const body = (await res.json()) as PodLogsAnswer;
    assert.equal(body.container, 'app');
    assert.ok(body.lines.some((l) => l.text.includes('"event":"start"')), JSON.stringify(body));
    assert.equal((await errorOf(await readPod('no-such-pod'))).reason, 'NoSuchPod');
    const noContainer = await readPod(web[0]!, '?container=nope');
    assert.equal(noContainer.status, 404);
    assert.match((await errorOf(noContainer)).message, /no container "nope"/);
    const noPrevious = await readPod(web[0]!, '?previous=true');
    assert.equal(noPrevious.status, 404);
    assert.equal((await errorOf(noPrevious)).reason, 'NoPreviousContainer');
    assert.equal((await readPod(web[0]!, '?tailLines=abc')).status, 400);
    assert.equal((await readPod(web[0]!, '?previous=true&follow=true')).status, 400);
    await withEnv({ PODIUM_LOGS: 'off' }, async () => {
      const off = await readPod(web[0]!);
      assert.equal(off.status, 404);
      assert.equal((await errorOf(off)).reason, 'LogsDisabled');
    });
  });

  it("keeps the previous container's last lines after /seppuku, with its exit code", async () => {
    const pod = web[1]!;
    const follow = await followPod(pod);
    await waitFor('streaming', () => follow.lanes[0]?.status === 'streaming' || JSON.stringify(follow.lanes));
    assert.equal((await apiGet(podProxy(ns.name, pod, '/seppuku'))).status, 200);
    await waitFor('the live lane says the container exited, then follows the new one', () =>
      (follow.lines.some((l) => l.marker === 'exited' && /code 1/.test(l.text)) &&
        follow.lines.filter((l) => l.text.includes('"event":"start"')).length >= 2) ||
      follow.texts().slice(-5).join(' | '),
    120_000, 500);
    follow.close();
    const res = await readPod(pod, '?previous=true');
    assert.equal(res.status, 200);
    const body = (await res.json()) as PodLogsAnswer;
    assert.equal(body.previous, true);
    assert.equal(body.termination?.exitCode, 1);
    assert.match(body.lines.at(-1)!.text, /"event":"(seppuku|exit)"/);
    assert.ok(body.lines.some((l) => l.text.includes('"event":"seppuku"')));
  });

  it('ends a deleted pod\'s lane with its exit and "pod deleted", and a new pod joins by itself', async () => {
    const v = await openDeployment('web');
    await waitFor('two lanes', () => v.lanes.length === 2 || JSON.stringify(v.lanes));
    const gone = web[0]!;
    await kubectl(['-n', ns.name, 'delete', 'pod', gone, '--wait=false']);
    await waitFor('the deleted pod ends with "pod deleted"', () =>
      v.lines.some((l) => l.pod === gone && l.marker === 'deleted') || v.texts(gone).slice(-4).join(' | '),
    90_000, 500);
    assert.ok(v.lines.some((l) => l.pod === gone && l.text.includes('"event":"signal"')), 'its shutdown lines are there');
    assert.ok(v.lines.some((l) => l.pod === gone && l.marker === 'exited'), v.texts(gone).join('\n'));
    await waitFor('a new pod joins and says it started', () =>
      v.lines.some((l) => !web.includes(l.pod) && l.text.includes('"event":"start"')) || JSON.stringify(v.lanes),
    90_000, 500);
    v.close();
  });

  it('waits for a container that has not started yet, then attaches', async () => {
    await apply(ns.name, scriptPod('late', "setTimeout(() => {}, 1e9)").replace(
      '  containers:',
      `  initContainers:\n  - {name: wait, image: podium-demo:1.0.0, imagePullPolicy: IfNotPresent, command: [sleep, '8']}\n  containers:`,
    ).replace('setTimeout', "console.log('first words'), setTimeout"));
    await waitFor('the pod exists', async () => (await kubectl(['-n', ns.name, 'get', 'pod', 'late', '-o', 'name'])).trim() === 'pod/late');
    const early = await readPod('late', '?container=main');
    assert.equal(early.status, 409);
    assert.equal((await errorOf(early)).reason, 'ContainerNotStarted');
    const v = await followPod('late', '&container=main');
    await waitFor('the lane waits', () => v.lanes[0]?.status === 'waiting' || JSON.stringify(v.lanes));
    await waitFor('its first line once it starts', () => v.texts().includes('first words') || JSON.stringify(v.lanes), 90_000, 500);
    v.close();
  });

  it('shows hostile bytes as text: markup kept as text, ANSI stripped, NUL and invalid UTF-8 replaced, 1 MiB cut', async () => {
    const script = [
      "const w = (b) => process.stdout.write(b);",
      "w('<script>alert(1)</script>\\n');",
      "w('<img src=x onerror=alert(1)>\\n');",
      "w('\\u001b[31mred\\u001b[0m \\u001b]0;title\\u0007plain\\n');",
      "w(Buffer.from([0x61, 0x00, 0x62, 0xff, 0xfe, 0x63, 0x0a]));",
      "w('x'.repeat(1024 * 1024) + '\\n');",
      "w('done\\n');",
      "setTimeout(() => {}, 1e9);",
    ].join(' ');
    await apply(ns.name, scriptPod('hostile', script));
    let body: PodLogsAnswer | null = null;
    await waitFor('the hostile lines', async () => {
      const res = await readPod('hostile');
      if (res.status !== 200) return `HTTP ${res.status}`;
      body = (await res.json()) as PodLogsAnswer;
      return body.lines.some((l) => l.text === 'done') || `${body.lines.length} lines`;
    }, 90_000, 500);
    body = body!;
    const texts = body.lines.map((l) => l.text);
    assert.deepEqual(texts.slice(0, 4), ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'red plain', 'a\ufffdb\ufffd\ufffdc']);
    const big = body.lines[4]!;
    assert.ok(big.text.length <= 16 * 1024 && big.text.length > 16 * 1024 - 64, String(big.text.length));
    assert.ok(big.cut! > 1024 * 1024 - 16 * 1024, String(big.cut));
  });

  it('caps a container writing 10,000 lines/s and says how many lines it dropped', async () => {
    const script =
      "let n = 0; setInterval(() => { let s = ''; for (let i = 0; i < 1000; i++) s += 'line ' + (n++) + '\\n'; process.stdout.write(s); }, 100);";
    await apply(ns.name, scriptPod('chatty', script));
    await waitFor('chatty runs', async () => (await kubectl(['-n', ns.name, 'get', 'pod', 'chatty', '-o', 'jsonpath={.status.phase}'])) === 'Running' || 'not yet', 90_000, 500);
    const t0 = Date.now();
    const v = await followPod('chatty');
    await waitFor('a "lines dropped" marker', () => v.lines.some((l) => l.marker === 'dropped') || `${v.lines.length} lines`, 30_000, 250);
    await new Promise((r) => setTimeout(r, 3000));
    v.close();
    const seconds = (Date.now() - t0) / 1000;
    const data = v.lines.filter((l) => !l.marker);
    const dropped = v.lines.filter((l) => l.marker === 'dropped').reduce((n, l) => n + Number(/^(\d+)/.exec(l.text)?.[1] ?? 0), 0);
    // at most the burst (1,000) plus 200 lines/s over the time the stream was open
    assert.ok(data.length <= 1000 + 200 * seconds, `${data.length} lines in ${seconds} s`);
    assert.ok(dropped > 1000, `dropped ${dropped}`);
  });

  it('says so, instead of failing, where the credentials may not read logs (SelfSubjectAccessReview)', async () => {
    // a ServiceAccount that may watch pods but not get pods/log
    await apply(ns.name, `apiVersion: v1
kind: ServiceAccount
metadata: {name: nolog}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pods-only}
rules: [{apiGroups: [""], resources: [pods], verbs: [get, list, watch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: nolog}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pods-only}
subjects: [{kind: ServiceAccount, name: nolog, namespace: ${ns.name}}]
`);
    const token = (await kubectl(['-n', ns.name, 'create', 'token', 'nolog', '--duration=10m'])).trim();
    const admin = parse(readFileSync(KUBECONFIG, 'utf8')) as { clusters: { cluster: { server: string; 'certificate-authority': string } }[] };
    const cluster = admin.clusters[0]!.cluster;
    const dir = mkdtempSync(join(tmpdir(), 'podium-nolog-'));
    const file = join(dir, 'kubeconfig');
    writeFileSync(file, JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'local', cluster }],
      users: [{ name: 'nolog', user: { token } }],
      contexts: [{ name: 'nolog', context: { cluster: 'local', user: 'nolog' } }],
      'current-context': 'nolog',
    }), { mode: 0o600 });
    const { resetCluster } = await import('../../lib/k8s/client');
    const { GET: permissionsRoute } = await import('../../app/api/namespaces/[namespace]/permissions/route');
    try {
      await withEnv({ KUBECONFIG: file }, async () => {
        resetCluster();
        const res = await readPod(web[1]!);
        assert.equal(res.status, 403);
        const e = await errorOf(res);
        assert.equal(e.reason, 'LogsForbidden');
        assert.match(e.message, /may not get pods\/log/);
        const perms = (await (await permissionsRoute(get(`/api/namespaces/${ns.name}/permissions`), ctx({ namespace: ns.name }))).json()) as PermissionsAnswer;
        assert.equal(perms.logs.enabled, true);
        assert.equal(perms.logs.allowed, false);
        assert.match(perms.logs.reason, /pods\/log/);
      });
    } finally {
      resetCluster();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});


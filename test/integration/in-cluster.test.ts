// Podium inside the cluster, for real (issue 11): its image built from the current sources and
// imported into the real node's containerd (images.sh podium: cached by content hash, about 2 min
// when the app changed), the chart installed with Helm (two replicas, namespaced mode: the demo
// namespace only, operator RBAC, an action token), its pods Ready on the real node, reached with
// `kubectl port-forward` on loopback. In the pods Podium uses its service account and reaches the
// API server through the `kubernetes` Service (10.96.0.1:443 -> kube-proxy -> the relay to
// 127.0.0.1:16443); no DNS. A session started on one replica acts on the other.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apply, ensureCluster, kubectl, kubectlJson, waitFor, waitForServiceAccount } from '../helpers/cluster';
import {
  RELEASE,
  Session,
  dropNamespace,
  installPodium,
  podiumImage,
  podiumPods,
  portForward,
  readStream,
  type PodiumImage,
  type PortForward,
} from '../helpers/in-cluster';
import { NO_REAL_NODE, REAL_NODE, demoDeployment, expectRealNode, podsOf } from '../helpers/real-node';
import { WATCHED_KINDS } from '../../lib/models/types';

const id = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
const NS = `h-incluster-${id}`;
const DEMO = `h-incluster-demo-${id}`;
const TOKEN = 'in-cluster-token-0123456789';
const realNode = await expectRealNode();

interface PodSpec {
  metadata: { name: string };
  spec: {
    nodeName?: string;
    serviceAccountName?: string;
    securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
    containers: {
      env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { key: string } } }[];
      securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
      volumeMounts?: { name: string; mountPath: string }[];
    }[];
    volumes?: { name: string; emptyDir?: object }[];
  };
}

describe('Podium in the cluster', { skip: realNode ? false : NO_REAL_NODE, timeout: 20 * 60_000 }, () => {
  let image: PodiumImage;
  let svc: PortForward;
  const forwards: PortForward[] = [];

  before(async () => {
    ensureCluster();
    for (const n of [NS, DEMO]) await kubectl(['create', 'namespace', n]);
    await waitForServiceAccount(DEMO);
    await apply(DEMO, demoDeployment('web', { replicas: 1 }));
    image = await podiumImage();
    await installPodium(NS, { namespaces: [DEMO], replicas: 2, actionToken: TOKEN });
    svc = await portForward(NS, `svc/${RELEASE}`);
    forwards.push(svc);
  });

  after(async () => {
    for (const f of forwards) await f.stop();
    await dropNamespace(NS);
    await dropNamespace(DEMO);
  });

  it('runs on the real node as user 1000, read-only root filesystem, emptyDirs only on /app/.next/cache and /tmp', async (t) => {
    t.diagnostic(`image ${image.archive}: ${(image.archiveBytes / 1e6).toFixed(1)} MB`);
    const pods = await podiumPods(NS);
    assert.equal(pods.length, 2);
    for (const p of pods) {
      const pod = await kubectlJson<PodSpec>(['-n', NS, 'get', 'pod', p.metadata.name]);
      assert.equal(pod.spec.nodeName, REAL_NODE);
      const c = pod.spec.containers[0]!;
      assert.equal(c.securityContext?.readOnlyRootFilesystem, true);
      assert.equal(c.securityContext?.allowPrivilegeEscalation, false);
      const mounts = (c.volumeMounts ?? []).filter((m) => !m.mountPath.startsWith('/var/run/secrets'));
      assert.deepEqual(mounts.map((m) => m.mountPath).sort(), ['/app/.next/cache', '/tmp']);
      for (const m of mounts) assert.ok(pod.spec.volumes?.find((v) => v.name === m.name)?.emptyDir, m.mountPath);
      assert.deepEqual(
        c.env?.filter((e) => e.valueFrom?.secretKeyRef).map((e) => `${e.name}<-${e.valueFrom?.secretKeyRef?.key}`),
        ['PODIUM_ACTION_TOKEN<-action-token', 'PODIUM_SESSION_KEY<-session-key'],
      );
    }
    const name = pods[0]!.metadata.name;
    const exec = (...cmd: string[]) => kubectl(['-n', NS, 'exec', name, '--', ...cmd]);
    const status = await exec('cat', '/proc/1/status');
    assert.match(status, /^Name:\s+next-server/m, 'the server itself is PID 1 (no shell, no init script)');
    assert.match(status, /^Seccomp:\s+2$/m, 'RuntimeDefault seccomp');
    assert.match(status, /^Uid:\s+1000\s+1000\s+1000\s+1000$/m);
    assert.match(status, /^CapEff:\s+0+$/m, 'no capabilities');
    await assert.rejects(exec('sh', '-c', 'echo x > /app/x'), /Read-only file system/);
    await exec('sh', '-c', 'echo x > /app/.next/cache/probe && echo x > /tmp/probe');
    const logs = await kubectl(['-n', NS, 'logs', name]);
    assert.match(logs, /session key from PODIUM_SESSION_KEY/);
    assert.doesNotMatch(logs, /EROFS|EACCES/);
  });

  it('namespaced mode: the service account may not list namespaces, and Podium does not need to', async () => {
    const sa = `system:serviceaccount:${NS}:${RELEASE}`;
    const can = (args: string[]) =>
      kubectl(['auth', 'can-i', ...args, '--as', sa]).then(
        (o) => o.trim(),
        (e: { stdout?: string }) => (e.stdout ?? '').trim(),
      );
    assert.equal(await can(['list', 'namespaces']), 'no');
    assert.equal(await can(['list', 'pods', '-n', 'default']), 'no');
    assert.equal(await can(['watch', 'deployments', '-n', DEMO]), 'yes');
    const res = await fetch(`${svc.url}/api/namespaces`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { namespaces: [DEMO] });
  });

  it('through `kubectl port-forward svc/podium`: health, the dashboard HTML, a namespace page', async () => {
    const health = await fetch(`${svc.url}/api/healthz`);
    assert.equal(health.status, 200);
    assert.deepEqual(await health.json(), { ok: true });
    const home = await fetch(`${svc.url}/`, { redirect: 'manual' });
    assert.ok([200, 307, 308].includes(home.status), `GET / -> ${home.status}`);
    const page = await fetch(`${svc.url}/ns/${DEMO}/deployments/web`);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<html/i);
    assert.match(html, /Podium/);
    const other = await fetch(`${svc.url}/api/stream?namespace=default`);
    assert.equal(other.status, 403, 'a namespace outside the allowlist');
  });

  it('the live stream from a pod: the cluster is live and every kind arrives as a snapshot, the demo Deployment in it', async () => {
    const events = await readStream(`${svc.url}/api/stream?namespace=${DEMO}`, (ev) =>
      WATCHED_KINDS.every((k) => ev.some((e) => e.event === 'snapshot' && (e.data as { kind: string }).kind === k)),
    );
    const kinds = events.filter((e) => e.event === 'snapshot').map((e) => (e.data as { kind: string }).kind);
    for (const k of WATCHED_KINDS) assert.ok(kinds.includes(k), `snapshot of ${k} (got ${kinds.join(', ')})`);
    const deployments = events.find((e) => e.event === 'snapshot' && (e.data as { kind: string }).kind === 'deployments');
    const names = (deployments?.data as { items: { name: string }[] }).items.map((d) => d.name);
    assert.deepEqual(names, ['web']);
    const errors = events.filter((e) => e.event === 'kindError');
    assert.deepEqual(errors, [], 'no kind refused by RBAC');
  });

  it('two replicas: a session started and unlocked on one acts on the other, whose stream resyncs', async () => {
    const pods = await podiumPods(NS);
    const [a, b] = await Promise.all(pods.map((p) => portForward(NS, `pod/${p.metadata.name}`, 3000)));
    forwards.push(a!, b!);
    const s = new Session(a!.url);
    const session = await s.start();
    assert.equal(session.unlocked, false);
    const unlocked = await s.fetch('/api/session/unlock', { method: 'POST', body: { token: TOKEN } });
    assert.equal(unlocked.status, 200, await unlocked.clone().text());
    // the same cookies and CSRF header, on the other pod
    const onB = await s.start(b!.url);
    assert.equal(onB.csrfToken, session.csrfToken, 'replica B keeps the token replica A minted');
    assert.equal(onB.unlocked, true, 'and knows the browser unlocked on replica A');
    const scaled = await s.fetch(`/api/namespaces/${DEMO}/deployments/web/scale`, {
      method: 'POST',
      base: b!.url,
      body: { replicas: 2 },
    });
    assert.equal(scaled.status, 200, await scaled.clone().text());
    await waitFor('2 web pods on the real node', async () => (await podsOf(DEMO, 'app=web')).length === 2, 60_000);
    const events = await readStream(`${b!.url}/api/stream?namespace=${DEMO}`, (ev) =>
      ev.some(
        (e) =>
          e.event === 'snapshot' &&
          (e.data as { kind: string }).kind === 'pods' &&
          (e.data as { items: unknown[] }).items.length === 2,
      ),
    );
    assert.ok(events.some((e) => e.event === 'snapshot'), 'replica B sends snapshots on connect');
  });

  it('read-only install: no unlocking, and the server refuses actions with 403 ReadOnly', async () => {
    await installPodium(NS, { namespaces: [DEMO], replicas: 1, readOnly: true });
    const ro = await portForward(NS, `svc/${RELEASE}`);
    forwards.push(ro);
    const s = new Session(ro.url);
    const session = await s.start();
    assert.equal(session.readOnly, true);
    const res = await s.fetch(`/api/namespaces/${DEMO}/deployments/web/scale`, { method: 'POST', body: { replicas: 1 } });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error: { reason: string } }).error.reason, 'ReadOnly');
    assert.equal((await kubectlJson<{ spec: { replicas: number } }>(['-n', DEMO, 'get', 'deployment', 'web'])).spec.replicas, 2);
  });
});

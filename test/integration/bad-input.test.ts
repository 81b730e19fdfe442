// Hostile and malformed requests against the action routes, on the real cluster: each is refused
// with the right 4xx and a sentence, and afterwards the cluster reads back exactly as before.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { NextRequest } from 'next/server';
import { apply, deploymentYaml, kubectlJson, testNamespace, waitFor, waitForValue } from '../helpers/cluster';
import { captureAudit, type AuditLine } from '../../lib/audit';
import { actionCookieValue } from '../../lib/routes/security';
import { ctx, errorOf, request, withEnv, type ReqOptions } from '../unit/actions/helpers';
import { POST as scale } from '../../app/api/namespaces/[namespace]/deployments/[name]/scale/route';
import { POST as restart } from '../../app/api/namespaces/[namespace]/deployments/[name]/restart/route';
import { POST as image } from '../../app/api/namespaces/[namespace]/deployments/[name]/image/route';
import { POST as version } from '../../app/api/namespaces/[namespace]/deployments/[name]/version/route';
import { POST as rollback } from '../../app/api/namespaces/[namespace]/deployments/[name]/rollback/route';
import { DELETE as deletePod } from '../../app/api/namespaces/[namespace]/pods/[pod]/route';
import { POST as endpoint } from '../../app/api/namespaces/[namespace]/pods/[pod]/endpoints/[endpoint]/route';
import { PATCH as hpaBounds } from '../../app/api/namespaces/[namespace]/hpas/[name]/route';
import { POST as unlock } from '../../app/api/session/unlock/route';

const ns = testNamespace('bad');
type Handler = (req: NextRequest, c: ReturnType<typeof ctx>) => Promise<Response>;

interface Snapshot {
  deployments: Record<string, unknown>;
  pods: string[];
  hpas: Record<string, unknown>;
  replicaSets: string[];
}

async function snapshot(): Promise<Snapshot> {
  type Dep = { metadata: { name: string; generation: number; annotations?: Record<string, string> }; spec: { replicas: number; template: unknown } };
  const deps = await kubectlJson<{ items: Dep[] }>(['-n', ns.name, 'get', 'deployments']);
  const pods = await kubectlJson<{ items: { metadata: { name: string; deletionTimestamp?: string } }[] }>(['-n', ns.name, 'get', 'pods']);
  const hpas = await kubectlJson<{ items: { metadata: { name: string }; spec: { minReplicas: number; maxReplicas: number } }[] }>(['-n', ns.name, 'get', 'hpa']);
  const rss = await kubectlJson<{ items: { metadata: { name: string } }[] }>(['-n', ns.name, 'get', 'rs']);
  return {
    deployments: Object.fromEntries(
      deps.items.map((d) => [d.metadata.name, { generation: d.metadata.generation, replicas: d.spec.replicas, annotations: d.metadata.annotations, template: d.spec.template }]),
    ),
    pods: pods.items.map((p) => `${p.metadata.name}${p.metadata.deletionTimestamp ? ' (terminating)' : ''}`).sort(),
    hpas: Object.fromEntries(hpas.items.map((h) => [h.metadata.name, [h.spec.minReplicas, h.spec.maxReplicas]])),
    replicaSets: rss.items.map((r) => r.metadata.name).sort(),
  };
}

/** A snapshot, retried while the API server is briefly away. */
const readBack = () => waitForValue('a snapshot of the namespace', snapshot, 60_000, 1000);


const HPA = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: auto}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: auto}
  minReplicas: 2
  maxReplicas: 2
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
`;

const audit: AuditLine[] = [];
let restoreAudit = () => {};
let initial: Snapshot;
let podName = '';

before(async () => {
  (await import('../../lib/k8s/client')).resetCluster();
  restoreAudit = captureAudit((l) => audit.push(JSON.parse(l) as AuditLine));
  // retried: other test files restart the shared API server now and then
  await waitFor('the objects to be created', () => apply(ns.name, deploymentYaml('web', { replicas: 2, versionEnv: '1.0.0' }) + '---\n' + deploymentYaml('auto', { replicas: 2, versionEnv: '1.0.0' }) + '---\n' + HPA).then(() => true), 60_000, 1000);
  await waitFor('4 running pods', async () => {
    const s = await snapshot();
    return s.pods.length === 4 && !s.pods.some((p) => p.includes('terminating'));
  }, 60_000);
  // let the controllers settle (status writes do not count: the snapshot reads spec and metadata only)
  await new Promise((r) => setTimeout(r, 1000));
  initial = await readBack();
  podName = initial.pods.find((p) => p.startsWith('web-'))!;
});

after(async () => {
  restoreAudit();
  await (await import('../../lib/k8s/client')).closeConnections();
});

const CLEAN = { PODIUM_READ_ONLY: undefined, PODIUM_NAMESPACES: undefined, PODIUM_ACTION_TOKEN: undefined, PODIUM_ALLOWED_ORIGINS: undefined, PODIUM_MAX_REPLICAS: undefined };

interface Case {
  title: string;
  handler: Handler;
  /** params; "{ns}" and "{pod}" are filled in */
  params: Record<string, string>;
  opts?: ReqOptions;
  env?: Record<string, string>;
  status: number;
  reason: string;
  /** part of the message */
  says?: RegExp;
}

const WEB = { namespace: '{ns}', name: 'web' };
const POD = { namespace: '{ns}', pod: '{pod}' };
const good = { body: { replicas: 5 } };
const long = 'a'.repeat(254);

const cases: Case[] = [
  // request-level checks, each on a request that would otherwise scale web to 5
  { title: 'read-only mode', handler: scale, params: WEB, opts: good, env: { PODIUM_READ_ONLY: '1' }, status: 403, reason: 'ReadOnly' },
  { title: 'read-only mode, delete pod', handler: deletePod, params: POD, opts: { method: 'DELETE' }, env: { PODIUM_READ_ONLY: 'true' }, status: 403, reason: 'ReadOnly' },
  { title: 'read-only mode, HPA bounds', handler: hpaBounds, params: { namespace: '{ns}', name: 'auto' }, opts: { method: 'PATCH', body: { minReplicas: 1, maxReplicas: 9 } }, env: { PODIUM_READ_ONLY: 'yes' }, status: 403, reason: 'ReadOnly' },
  { title: 'missing Origin', handler: scale, params: WEB, opts: { ...good, origin: null }, status: 403, reason: 'BadOrigin', says: /no Origin/ },
  { title: 'foreign Origin', handler: scale, params: WEB, opts: { ...good, origin: 'https://evil.example' }, status: 403, reason: 'BadOrigin' },
  { title: 'look-alike Origin', handler: restart, params: WEB, opts: { origin: 'http://localhost:3000.evil.example' }, status: 403, reason: 'BadOrigin' },
  { title: 'Origin "null" (sandboxed iframe)', handler: deletePod, params: POD, opts: { method: 'DELETE', origin: 'null' }, status: 403, reason: 'BadOrigin' },
  { title: 'missing CSRF header', handler: scale, params: WEB, opts: { ...good, csrfHeader: null }, status: 403, reason: 'BadCsrf' },
  { title: 'forged CSRF header', handler: scale, params: WEB, opts: { ...good, csrfHeader: 'Z'.repeat(43) }, status: 403, reason: 'BadCsrf' },
  { title: 'CSRF header without its cookie', handler: restart, params: WEB, opts: { csrfCookie: null }, status: 403, reason: 'BadCsrf' },
  { title: 'empty CSRF header and cookie', handler: deletePod, params: POD, opts: { method: 'DELETE', csrfHeader: '', csrfCookie: '' }, status: 403, reason: 'BadCsrf' },
  { title: 'locked: no action cookie', handler: scale, params: WEB, opts: good, env: { PODIUM_ACTION_TOKEN: 'class-2025' }, status: 401, reason: 'Locked' },
  { title: 'locked: the raw token as cookie', handler: scale, params: WEB, opts: { ...good, cookies: { podium_action: 'class-2025' } }, env: { PODIUM_ACTION_TOKEN: 'class-2025' }, status: 401, reason: 'Locked' },
  { title: 'locked: cookie for another token', handler: deletePod, params: POD, opts: { method: 'DELETE', cookies: { podium_action: actionCookieValue('class-2024') } }, env: { PODIUM_ACTION_TOKEN: 'class-2025' }, status: 401, reason: 'Locked' },
  { title: 'wrong action token at unlock', handler: unlock, params: {}, opts: { body: { token: 'class-2024' } }, env: { PODIUM_ACTION_TOKEN: 'class-2025' }, status: 401, reason: 'BadToken' },
  // names
  { title: 'namespace outside the allowlist', handler: scale, params: WEB, opts: good, env: { PODIUM_NAMESPACES: 'lesson-*,default' }, status: 403, reason: 'NamespaceNotAllowed' },
  { title: 'kube-system outside the allowlist', handler: deletePod, params: { namespace: 'kube-system', pod: 'kube-apiserver' }, opts: { method: 'DELETE' }, env: { PODIUM_NAMESPACES: '{ns}' }, status: 403, reason: 'NamespaceNotAllowed' },
  { title: 'namespace with traversal', handler: scale, params: { namespace: '..%2f..%2fkube-system', name: 'web' }, opts: good, status: 400, reason: 'BadRequest', says: /^namespace:/ },
  { title: 'namespace decoded traversal', handler: scale, params: { namespace: '../kube-system', name: 'web' }, opts: good, status: 400, reason: 'BadRequest', says: /^namespace:/ },
  { title: 'namespace in upper case', handler: scale, params: { namespace: 'Default', name: 'web' }, opts: good, status: 400, reason: 'BadRequest' },
  { title: 'name in upper case', handler: scale, params: { namespace: '{ns}', name: 'Web' }, opts: good, status: 400, reason: 'BadRequest', says: /^name:/ },
  { title: 'name with a slash', handler: scale, params: { namespace: '{ns}', name: 'web/scale' }, opts: good, status: 400, reason: 'BadRequest' },
  { title: 'name of 254 characters', handler: restart, params: { namespace: '{ns}', name: long }, status: 400, reason: 'BadRequest', says: /at most 253/ },
  { title: 'name with encoded traversal', handler: image, params: { namespace: '{ns}', name: '..%2f..%2fweb' }, opts: { body: { container: 'app', image: 'x:1' } }, status: 400, reason: 'BadRequest' },
  { title: 'pod name with traversal', handler: deletePod, params: { namespace: '{ns}', pod: '../web' }, opts: { method: 'DELETE' }, status: 400, reason: 'BadRequest', says: /^pod:/ },
  { title: 'pod name with a colon and port', handler: endpoint, params: { namespace: '{ns}', pod: '{pod}:8080', endpoint: 'inemuri' }, status: 400, reason: 'BadRequest' },
  { title: 'endpoint id with encoded traversal', handler: endpoint, params: { ...POD, endpoint: '..%2f..%2fhealthz' }, status: 400, reason: 'BadRequest', says: /^endpoint:/ },
  { title: 'endpoint id with traversal', handler: endpoint, params: { ...POD, endpoint: '../../api' }, status: 400, reason: 'BadRequest' },
  { title: 'endpoint id %2e%2e', handler: endpoint, params: { ...POD, endpoint: '%2e%2e' }, status: 400, reason: 'BadRequest' },
  { title: 'endpoint id that is a path', handler: endpoint, params: { ...POD, endpoint: '/inemuri' }, status: 400, reason: 'BadRequest' },
  // bodies
  { title: 'replicas -1', handler: scale, params: WEB, opts: { body: { replicas: -1 } }, status: 400, reason: 'BadRequest', says: /replicas: must be at least 0/ },
  { title: 'replicas 1e9', handler: scale, params: WEB, opts: { body: { replicas: 1e9 } }, status: 400, reason: 'BadRequest', says: /at most 50/ },
  { title: 'replicas 2.5', handler: scale, params: WEB, opts: { body: { replicas: 2.5 } }, status: 400, reason: 'BadRequest', says: /whole number/ },
  { title: 'replicas "3"', handler: scale, params: WEB, opts: { body: { replicas: '3' } }, status: 400, reason: 'BadRequest', says: /must be a number/ },
  { title: 'replicas null', handler: scale, params: WEB, opts: { body: { replicas: null } }, status: 400, reason: 'BadRequest' },
  { title: 'replicas above PODIUM_MAX_REPLICAS', handler: scale, params: WEB, opts: { body: { replicas: 6 } }, env: { PODIUM_MAX_REPLICAS: '5' }, status: 400, reason: 'BadRequest', says: /at most 5/ },
  { title: 'missing body', handler: scale, params: WEB, status: 400, reason: 'BadRequest', says: /body: is required/ },
  { title: 'body that is not JSON', handler: scale, params: WEB, opts: { body: '{"replicas": 3' }, status: 400, reason: 'BadRequest', says: /not valid JSON/ },
  { title: 'body that is an array', handler: scale, params: WEB, opts: { body: [5] }, status: 400, reason: 'BadRequest' },
  { title: 'form-encoded body', handler: scale, params: WEB, opts: { body: 'replicas=5', contentType: 'application/x-www-form-urlencoded' }, status: 415, reason: 'UnsupportedMediaType' },
  { title: 'unknown field', handler: scale, params: WEB, opts: { body: { replicas: 5, namespace: 'kube-system' } }, status: 400, reason: 'BadRequest', says: /namespace/ },
  { title: 'force that is not a boolean', handler: scale, params: { namespace: '{ns}', name: 'auto' }, opts: { body: { replicas: 5, force: 'true' } }, status: 400, reason: 'BadRequest', says: /^force:/ },
  { title: 'oversized body', handler: scale, params: WEB, opts: { body: { replicas: 5, pad: 'x'.repeat(9000) } }, status: 413, reason: 'PayloadTooLarge' },
  { title: 'oversized declared length', handler: restart, params: WEB, opts: { body: '{}', headers: { 'content-length': '100000000' } }, status: 413, reason: 'PayloadTooLarge' },
  { title: 'restart with an unknown field', handler: restart, params: WEB, opts: { body: { restartedAt: '1970-01-01T00:00:00Z' } }, status: 400, reason: 'BadRequest' },
  { title: 'image with shell characters', handler: image, params: WEB, opts: { body: { container: 'app', image: 'podium-demo:1;rm -rf /' } }, status: 400, reason: 'BadRequest', says: /^image:/ },
  { title: 'image in upper case', handler: image, params: WEB, opts: { body: { container: 'app', image: 'Podium-Demo:2' } }, status: 400, reason: 'BadRequest' },
  { title: 'image with a newline', handler: image, params: WEB, opts: { body: { container: 'app', image: 'podium-demo:2\nx' } }, status: 400, reason: 'BadRequest' },
  { title: 'container name in upper case', handler: image, params: WEB, opts: { body: { container: 'App', image: 'podium-demo:2.0.0' } }, status: 400, reason: 'BadRequest', says: /^container:/ },
  { title: 'image body with extra command', handler: image, params: WEB, opts: { body: { container: 'app', image: 'podium-demo:2.0.0', command: ['sh'] } }, status: 400, reason: 'BadRequest' },
  { title: 'version with spaces', handler: version, params: WEB, opts: { body: { container: 'app', value: '1.0 ; curl evil' } }, status: 400, reason: 'BadRequest', says: /^value:/ },
  { title: 'version as a number', handler: version, params: WEB, opts: { body: { container: 'app', value: 2 } }, status: 400, reason: 'BadRequest' },
  { title: 'version env name smuggled in', handler: version, params: WEB, opts: { body: { container: 'app', value: '2', env: 'PATH' } }, status: 400, reason: 'BadRequest' },
  { title: 'rollback to revision 0', handler: rollback, params: WEB, opts: { body: { revision: 0 } }, status: 400, reason: 'BadRequest' },
  { title: 'rollback to revision "1"', handler: rollback, params: WEB, opts: { body: { revision: '1' } }, status: 400, reason: 'BadRequest' },
  { title: 'delete pod with a body', handler: deletePod, params: POD, opts: { method: 'DELETE', body: { gracePeriodSeconds: 0 } }, status: 400, reason: 'BadRequest' },
  { title: 'endpoint call with a path in the body', handler: endpoint, params: { ...POD, endpoint: 'inemuri' }, opts: { body: { path: '/../../api' } }, status: 400, reason: 'BadRequest' },
  { title: 'HPA min 0', handler: hpaBounds, params: { namespace: '{ns}', name: 'auto' }, opts: { method: 'PATCH', body: { minReplicas: 0, maxReplicas: 3 } }, status: 400, reason: 'BadRequest' },
  { title: 'HPA max 1e9', handler: hpaBounds, params: { namespace: '{ns}', name: 'auto' }, opts: { method: 'PATCH', body: { minReplicas: 1, maxReplicas: 1e9 } }, status: 400, reason: 'BadRequest' },
  { title: 'HPA min above max', handler: hpaBounds, params: { namespace: '{ns}', name: 'auto' }, opts: { method: 'PATCH', body: { minReplicas: 4, maxReplicas: 3 } }, status: 400, reason: 'BadRequest' },
  { title: 'HPA bounds as strings', handler: hpaBounds, params: { namespace: '{ns}', name: 'auto' }, opts: { method: 'PATCH', body: { minReplicas: '1', maxReplicas: '3' } }, status: 400, reason: 'BadRequest' },
  // the action itself refuses
  { title: 'scale of an HPA-managed deployment without force', handler: scale, params: { namespace: '{ns}', name: 'auto' }, opts: good, status: 409, reason: 'HpaManaged' },
  { title: 'undeclared endpoint id', handler: endpoint, params: { ...POD, endpoint: 'healthz' }, status: 404, reason: 'EndpointNotDeclared' },
];

const fill = (v: string) => v.replace('{ns}', ns.name).replace('{pod}', podName);

describe(`hostile and malformed requests (${cases.length})`, () => {
  for (const c of cases) {
    it(`${c.title} → ${c.status} ${c.reason}`, async () => {
      const params = Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k, fill(v)]));
      const env = { ...CLEAN, ...Object.fromEntries(Object.entries(c.env ?? {}).map(([k, v]) => [k, fill(v)])) };
      const before = audit.length;
      const res = await withEnv(env, () => c.handler(request(`/api/namespaces/${params.namespace ?? 'x'}/x`, c.opts), ctx(params)));
      const err = await errorOf(res);
      assert.equal(res.status, c.status, `${err.reason}: ${err.message}`);
      assert.equal(err.reason, c.reason);
      assert.equal(err.status, c.status);
      assert.ok(err.message.length >= 10, `a sentence: ${err.message}`);
      if (c.says) assert.match(err.message, c.says);
      assert.equal(audit.length, before + 1, 'one audit line');
      assert.equal(audit.at(-1)?.outcome, c.status >= 500 ? 'failed' : c.status === 404 ? 'failed' : 'refused');
    });
  }

  it('left the cluster exactly as it was (replicas, images, env, annotations, pods, ReplicaSets, HPA bounds)', async () => {
    assert.ok(cases.length >= 30);
    assert.deepEqual(await readBack(), initial);
  });

  it('wrote no token or cookie into the audit log', () => {
    const text = JSON.stringify(audit);
    assert.ok(!text.includes('class-2025'));
    assert.ok(!text.includes('class-2024'));
    assert.ok(!text.includes(actionCookieValue('class-2024')));
  });
});

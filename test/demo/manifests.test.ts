// The stories' kustomize output, built with the real kubectl: what Podium and the lessons rely on.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from './helpers.ts';

const MANIFESTS = join(REPO_ROOT, 'demo', 'manifests');
const STORIES = join(MANIFESTS, 'stories');

/** A newer kubectl from the local cluster's build if there is one, else the system's. */
function findKubectl(): string | null {
  const cache = join(process.env.PODIUM_CACHE_DIR ?? join(homedir(), '.cache', 'podium'), 'cluster');
  const built = existsSync(cache)
    ? readdirSync(cache)
        .filter((d) => d.startsWith('bin-') && !d.endsWith('.tmp'))
        .map((d) => join(cache, d, 'kubectl'))
        .filter((p) => existsSync(p))
    : [];
  return built[0] ?? (existsSync('/usr/bin/kubectl') ? '/usr/bin/kubectl' : null);
}
const kubectl = findKubectl();

// Minimal shapes of what the tests read; kustomize output is trusted to be otherwise well-formed.
interface Meta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface Probe {
  httpGet?: { path: string; port: string | number };
  tcpSocket?: { port: string | number };
  exec?: { command: string[] };
  periodSeconds?: number;
  failureThreshold?: number;
}
interface Container {
  name: string;
  image: string;
  imagePullPolicy?: string;
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { fieldRef?: { fieldPath: string } } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: Meta;
  /** each kind below narrows it to the fields its tests read */
  spec: unknown;
}
interface Hpa extends K8sObject {
  spec: { scaleTargetRef: unknown; minReplicas?: number; maxReplicas: number; metrics?: unknown[] };
}
interface ServiceObject extends K8sObject {
  spec: { selector?: Record<string, string> };
}
interface Ingress extends K8sObject {
  spec: { rules: { host?: string; http: { paths: { backend: { service: { name: string } } }[] } }[] };
}
interface HTTPRouteObject extends K8sObject {
  spec: {
    hostnames?: string[];
    parentRefs: unknown[];
    rules: { backendRefs: { name: string; port: number; weight?: number }[] }[];
  };
}
interface GatewayObject extends K8sObject {
  spec: { gatewayClassName: string; listeners: { name: string; protocol: string; port: number }[] };
}
interface Deployment extends K8sObject {
  spec: {
    replicas?: number;
    selector: { matchLabels: Record<string, string> };
    strategy?: {
      type?: string;
      rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string };
    };
    template: {
      metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
      spec: {
        containers: Container[];
        terminationGracePeriodSeconds?: number;
        nodeSelector?: Record<string, string>;
        tolerations?: { key?: string; operator?: string; effect?: string }[];
      };
    };
  };
}

function build(story: string): K8sObject[] {
  const out = execFileSync(kubectl!, ['kustomize', join(STORIES, story)], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return parseAllDocuments(out).map((d) => d.toJS() as K8sObject);
}

function byKind<T extends K8sObject = K8sObject>(objects: K8sObject[], kind: string): T[] {
  return objects.filter((o) => o.kind === kind) as T[];
}

function one<T extends K8sObject>(objects: T[], name: string): T {
  const found = objects.find((o) => o.metadata.name === name);
  assert.ok(found, `no ${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

const container = (d: Deployment): Container => d.spec.template.spec.containers[0]!;
const env = (d: Deployment, name: string) => container(d).env?.find((e) => e.name === name);
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

const index = JSON.parse(readFileSync(join(STORIES, 'index.json'), 'utf8')) as {
  id: string;
  title: string;
  namespaceSuffix: string;
  summary: string;
}[];

test('stories/index.json lists every story folder once, with a usable namespace suffix', () => {
  const folders = readdirSync(STORIES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  assert.deepEqual(index.map((s) => s.id).sort(), folders);
  for (const story of index) {
    assert.ok(story.title.length > 0 && story.summary.length > 0, story.id);
    // "lesson-" + suffix must stay a DNS label (63 characters)
    assert.match(story.namespaceSuffix, /^[a-z0-9]([-a-z0-9]{0,54}[a-z0-9])?$/, story.id);
  }
  assert.equal(new Set(index.map((s) => s.namespaceSuffix)).size, index.length, 'suffixes are unique');
});

describe('every story builds with kubectl kustomize', { skip: kubectl === null && 'no kubectl here' }, () => {
  for (const { id } of index) {
    test(`${id}: namespace-less, every Deployment carries what Podium reads, every Service finds pods`, () => {
      const objects = build(id);
      assert.ok(objects.length > 0);
      for (const o of objects) assert.equal(o.metadata.namespace, undefined, `${o.kind}/${o.metadata.name}`);

      const deployments = byKind<Deployment>(objects, 'Deployment');
      assert.ok(deployments.length > 0);
      for (const d of deployments) {
        const name = d.metadata.name;
        assert.equal(d.metadata.annotations?.['podium.dev/version-env'], 'APP_VERSION', name);
        assert.deepEqual(JSON.parse(d.metadata.annotations?.['podium.dev/endpoints'] ?? 'null'), [
          { id: 'inemuri', label: 'Hang (liveness fails)', path: '/inemuri', port: 8080 },
          { id: 'seppuku', label: 'Crash', path: '/seppuku', port: 8080 },
        ]);
        const template = d.spec.template;
        assert.equal(template.metadata.annotations?.['kwok.x-k8s.io/usage-cpu'], '20m', name);
        assert.equal(template.metadata.annotations?.['kwok.x-k8s.io/usage-memory'], '40Mi', name);
        assert.ok(
          matches(d.spec.selector.matchLabels, template.metadata.labels),
          `${name} selects its own pods`,
        );
        const c = container(d);
        assert.equal(c.image, 'podium-demo:1.0.0');
        assert.equal(c.imagePullPolicy, 'IfNotPresent');
        assert.deepEqual(c.ports, [{ name: 'http', containerPort: 8080 }]);
        assert.ok(env(d, 'APP_VERSION')?.value, name);
        assert.equal(env(d, 'POD_NAME')?.valueFrom?.fieldRef?.fieldPath, 'metadata.name');
        assert.equal(env(d, 'POD_IP')?.valueFrom?.fieldRef?.fieldPath, 'status.podIP');
        assert.deepEqual(c.resources?.requests, { cpu: '50m', memory: '64Mi' });
        assert.equal(c.resources?.limits?.cpu, '500m');
        // runs for real on the local cluster's real node (demo-up.sh PODIUM_DEMO_NODES=kwok moves it)
        assert.deepEqual(template.spec.nodeSelector, { 'podium.dev/node': 'real' }, name);
        assert.ok(
          template.spec.tolerations?.some(
            (t) => t.key === 'podium.dev/real-node' && t.effect === 'NoSchedule',
          ),
          `${name} tolerates the real node's taint`,
        );
        // no other Deployment of the story may claim these pods
        for (const other of deployments) {
          if (other !== d)
            assert.ok(!matches(other.spec.selector.matchLabels, template.metadata.labels), name);
        }
      }
      for (const s of byKind<ServiceObject>(objects, 'Service')) {
        const selector = s.spec.selector;
        assert.ok(selector && Object.keys(selector).length > 0, `Service ${s.metadata.name} has a selector`);
        assert.ok(
          deployments.some((d) => matches(selector, d.spec.template.metadata.labels)),
          `Service ${s.metadata.name} selects no pods`,
        );
      }
    });
  }

  test('liveness-restarts: 3 replicas, liveness on /healthz every 2 s, 3 failures', () => {
    const d = one(byKind<Deployment>(build('liveness-restarts'), 'Deployment'), 'echo');
    assert.equal(d.spec.replicas, 3);
    const probe = container(d).livenessProbe;
    assert.deepEqual(probe?.httpGet, { path: '/healthz', port: 'http' });
    assert.equal(probe?.periodSeconds, 2);
    assert.equal(probe?.failureThreshold, 3);
    // a slow start (a busy machine) is not a hang: liveness counts once /healthz answered once
    assert.deepEqual(container(d).startupProbe?.httpGet, { path: '/healthz', port: 'http' });
    assert.equal(env(d, 'ECHO_DELAY_MS')?.value, '100');
  });

  test('rolling-update: no-readiness has no probe; with-readiness has /readyz and maxUnavailable 0, maxSurge 1', () => {
    const objects = build('rolling-update');
    const deployments = byKind<Deployment>(objects, 'Deployment');
    assert.deepEqual(deployments.map((d) => d.metadata.name).sort(), ['no-readiness', 'with-readiness']);
    assert.deepEqual(
      byKind(objects, 'Service')
        .map((s) => s.metadata.name)
        .sort(),
      ['no-readiness', 'with-readiness'],
    );
    const without = one(deployments, 'no-readiness');
    const withProbe = one(deployments, 'with-readiness');
    assert.equal(container(without).readinessProbe, undefined);
    assert.deepEqual(container(withProbe).readinessProbe?.httpGet, { path: '/readyz', port: 'http' });
    assert.deepEqual(withProbe.spec.strategy, {
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
    });
    for (const d of deployments) assert.equal(env(d, 'STARTUP_DELAY_MS')?.value, '10000');
  });

  test('hpa-scaling: an autoscaling/v2 HPA, 2..6 replicas at 50 % CPU, on a Deployment with readiness', () => {
    const objects = build('hpa-scaling');
    const [hpa] = byKind<Hpa>(objects, 'HorizontalPodAutoscaler');
    assert.equal(hpa?.apiVersion, 'autoscaling/v2');
    assert.deepEqual(hpa?.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'echo' });
    assert.equal(hpa?.spec.minReplicas, 2);
    assert.equal(hpa?.spec.maxReplicas, 6);
    assert.deepEqual(hpa?.spec.metrics, [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
      },
    ]);
    const d = one(byKind<Deployment>(objects, 'Deployment'), 'echo');
    assert.ok(container(d).readinessProbe);
    assert.equal(d.spec.replicas, undefined, 'the HPA owns the replica count');
  });

  test('canary: stable 3 x 1.0.0 and canary 1 x 2.0.0 behind one Service on app=echo-canary', () => {
    const objects = build('canary');
    const deployments = byKind<Deployment>(objects, 'Deployment');
    for (const [name, track, version, replicas] of [
      ['echo-stable', 'stable', '1.0.0', 3],
      ['echo-canary', 'canary', '2.0.0', 1],
    ] as const) {
      const d = one(deployments, name);
      assert.equal(d.spec.replicas, replicas);
      assert.deepEqual(d.spec.template.metadata.labels, { app: 'echo-canary', track, version });
      assert.equal(env(d, 'APP_VERSION')?.value, version);
    }
    const services = byKind<ServiceObject>(objects, 'Service');
    assert.deepEqual(one(services, 'echo').spec.selector, { app: 'echo-canary' });
    // one Service per track: the HTTPRoute's backends
    assert.deepEqual(one(services, 'echo-stable').spec.selector, { app: 'echo-canary', track: 'stable' });
    assert.deepEqual(one(services, 'echo-canary').spec.selector, { app: 'echo-canary', track: 'canary' });
    assert.equal(services.length, 3);
    const route = one(byKind<HTTPRouteObject>(objects, 'HTTPRoute'), 'echo');
    assert.deepEqual(route.spec.hostnames, ['echo.local']);
    assert.deepEqual(route.spec.parentRefs, [{ name: 'echo', sectionName: 'http' }]);
    assert.deepEqual(
      route.spec.rules[0]?.backendRefs.map((b) => [b.name, b.port, b.weight]),
      [
        ['echo-stable', 80, 90],
        ['echo-canary', 80, 10],
      ],
    );
    const gw = one(byKind<GatewayObject>(objects, 'Gateway'), 'echo');
    assert.equal(gw.spec.gatewayClassName, 'traefik');
    assert.deepEqual(
      gw.spec.listeners.map((l) => [l.name, l.protocol, l.port]),
      [['http', 'HTTP', 8000]],
    );
  });

  test('ingress-canary: Ingress echo -> echo-stable, canary Ingress with weight 20 -> echo-canary', () => {
    const objects = build('ingress-canary');
    const ingresses = byKind<Ingress>(objects, 'Ingress');
    const backend = (name: string) => {
      const ing = one(ingresses, name);
      assert.equal(ing.apiVersion, 'networking.k8s.io/v1');
      assert.equal(ing.spec.rules[0]?.host, 'ingress.echo.local');
      return ing.spec.rules[0]?.http.paths[0]?.backend.service.name;
    };
    assert.equal(backend('echo'), 'echo-stable');
    assert.equal(backend('echo-canary'), 'echo-canary');
    assert.equal(one(ingresses, 'echo').metadata.annotations, undefined);
    assert.deepEqual(one(ingresses, 'echo-canary').metadata.annotations, {
      'nginx.ingress.kubernetes.io/canary': 'true',
      'nginx.ingress.kubernetes.io/canary-weight': '20',
    });
    const services = byKind(objects, 'Service').map((s) => s.metadata.name);
    assert.deepEqual(services.sort(), ['echo-canary', 'echo-stable']);
  });

  test('first-class: startup, tcp readiness, exec liveness on a script the image has, grace > shutdown bound', () => {
    const d = one(byKind<Deployment>(build('first-class'), 'Deployment'), 'echo');
    const c = container(d);
    assert.ok(c.startupProbe?.httpGet);
    assert.deepEqual(c.readinessProbe?.tcpSocket, { port: 'http' });
    // a cheap command (no second runtime per check): the shell asks /healthz with nc, in under 1 s
    const command = c.livenessProbe?.exec?.command ?? [];
    assert.deepEqual(command.slice(0, 2), ['sh', '-c']);
    assert.match(command[2] ?? '', /GET \/healthz .*nc -w 1 127\.0\.0\.1 8080/);
    const grace = d.spec.template.spec.terminationGracePeriodSeconds ?? 30;
    assert.ok(Number(env(d, 'SHUTDOWN_TIMEOUT_MS')?.value) < grace * 1000, 'the app gives up before SIGKILL');
    const annotations = d.spec.template.metadata.annotations ?? {};
    assert.equal(annotations['prometheus.io/scrape'], 'true');
    assert.equal(annotations['prometheus.io/port'], '8080');
    assert.equal(annotations['prometheus.io/path'], '/metrics');
  });
});

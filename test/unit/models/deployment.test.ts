import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { templateHashFromConditions, toDeploymentSummary } from '../../../lib/models/deployment';
import echo from '../../fixtures/k8s/deployment-echo.json' with { type: 'json' };
import rolling from '../../fixtures/k8s/deployment-echo-rolling.json' with { type: 'json' };
import myapp from '../../fixtures/k8s/deployment-myapp-paused.json' with { type: 'json' };
import zmq from '../../fixtures/k8s/deployment-zmq-echo.json' with { type: 'json' };

describe('toDeploymentSummary (story 000 echo)', () => {
  const d = toDeploymentSummary(echo);

  it('copies identity, counts and revision', () => {
    assert.equal(d.name, 'echo');
    assert.equal(d.namespace, 'podium-demo');
    assert.equal(d.uid, '0f4e2d1c-9b8a-4765-a4b3-c2d1e0f9a8b7');
    assert.deepEqual(
      [d.desired, d.current, d.ready, d.updated, d.available, d.unavailable],
      [3, 3, 3, 3, 3, 0],
    );
    assert.equal(d.revision, 2);
    assert.equal(d.generation, 2);
    assert.equal(d.observedGeneration, 2);
    assert.equal(d.paused, false);
    assert.deepEqual(d.selector, { app: 'echo' });
    assert.deepEqual(d.templateLabels, { app: 'echo' });
  });

  it('renders integer surge settings as text', () => {
    assert.deepEqual(d.strategy, { type: 'RollingUpdate', maxSurge: '1', maxUnavailable: '0' });
  });

  it('summarises the container: image, ports, requests, limits, probes', () => {
    const [c] = d.containers;
    assert.ok(c);
    assert.equal(c.image, 'podium-demo:1.0.0');
    assert.deepEqual(c.ports, [{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    assert.deepEqual(c.requests, { cpuMilli: 100, memoryBytes: 64 * 2 ** 20 });
    assert.deepEqual(c.limits, { cpuMilli: 500, memoryBytes: 128 * 2 ** 20 });
    assert.deepEqual(c.liveness, {
      kind: 'httpGet',
      target: 'GET :8080/healthz',
      initialDelaySeconds: 0,
      periodSeconds: 1,
      timeoutSeconds: 1,
      failureThreshold: 3,
    });
    assert.equal(c.readiness?.target, 'GET :http/readyz');
    assert.equal(c.startup, null);
  });

  it('copies env names but only the version env value', () => {
    const [c] = d.containers;
    assert.deepEqual(c?.envNames, ['APP_VERSION', 'POD_NAME', 'POD_IP', 'ADMIN_TOKEN', 'DATABASE_PASSWORD']);
    assert.equal(d.versionEnvName, 'APP_VERSION');
    assert.deepEqual(c?.versionEnv, { name: 'APP_VERSION', value: '1.0.0' });
    const text = JSON.stringify(d);
    assert.ok(!text.includes('hunter2'), 'a literal env value leaked');
    assert.ok(!text.includes('last-applied-configuration'), 'annotations are not copied');
    assert.ok(!text.includes('managedFields'));
  });

  it('offers the default probe-failure endpoints without an annotation', () => {
    assert.deepEqual(d.endpoints, [
      { id: 'inemuri', label: 'Hang (liveness fails)', path: '/inemuri', port: null },
      { id: 'seppuku', label: 'Crash', path: '/seppuku', port: null },
    ]);
  });

  it('reads the new ReplicaSet hash from the Progressing condition', () => {
    assert.equal(d.templateHash, '6f7d8c9b5d');
    assert.equal(toDeploymentSummary(rolling).templateHash, '84c7b6d9f5');
  });

  it('keeps conditions', () => {
    assert.deepEqual(
      d.conditions.map((c) => [c.type, c.status, c.reason]),
      [
        ['Available', 'True', 'MinimumReplicasAvailable'],
        ['Progressing', 'True', 'NewReplicaSetAvailable'],
      ],
    );
  });
});

describe('toDeploymentSummary probes of every type (story 004)', () => {
  const d = toDeploymentSummary(zmq);
  const [echoC, foobar] = d.containers;

  it('tcp readiness and exec liveness', () => {
    assert.equal(echoC?.readiness?.kind, 'tcpSocket');
    assert.equal(echoC?.readiness?.target, 'tcp :1234');
    assert.equal(echoC?.liveness?.target, 'exec /usr/bin/python3 /opt/liveness.py');
    assert.equal(echoC?.liveness?.initialDelaySeconds, 5);
  });

  it('http probes and a grpc startup probe', () => {
    assert.equal(foobar?.liveness?.target, 'GET :8080/heathz');
    assert.equal(foobar?.startup?.kind, 'grpc');
    assert.equal(foobar?.startup?.target, 'grpc :9000');
    assert.equal(foobar?.startup?.failureThreshold, 30);
  });

  it('parses plain-number quantities and leaves unset ones null', () => {
    assert.deepEqual(foobar?.requests, { cpuMilli: 250, memoryBytes: 128_974_848 });
    assert.deepEqual(foobar?.limits, { cpuMilli: null, memoryBytes: 2 ** 30 });
    assert.deepEqual(echoC?.requests, { cpuMilli: null, memoryBytes: null });
  });

  it('Recreate has no surge settings; no version env without the annotation', () => {
    assert.deepEqual(d.strategy, { type: 'Recreate', maxSurge: null, maxUnavailable: null });
    assert.equal(d.versionEnvName, null);
    assert.equal(foobar?.versionEnv, null);
    assert.deepEqual(foobar?.envNames, ['LOG_FORMAT', 'API_KEY']);
  });

  it('pod template labels may differ from the Deployment’s own labels', () => {
    assert.deepEqual(d.labels, { app: 'echo', team: 'platform' });
    assert.deepEqual(d.templateLabels, { app: 'zmq-echo' });
  });
});

describe('toDeploymentSummary edge cases', () => {
  it('a paused Deployment has no new ReplicaSet name to read', () => {
    const d = toDeploymentSummary(myapp);
    assert.equal(d.paused, true);
    assert.equal(d.templateHash, null);
    assert.equal(d.desired, 1);
  });

  it('the version env must be a literal value, never one from a Secret', () => {
    const raw = structuredClone(echo);
    raw.metadata.annotations['podium.dev/version-env'] = 'ADMIN_TOKEN';
    const d = toDeploymentSummary(raw);
    assert.equal(d.versionEnvName, 'ADMIN_TOKEN');
    assert.equal(d.containers[0]?.versionEnv, null);
  });

  it('defaults: 1 replica, RollingUpdate 25 %/25 %, empty lists', () => {
    const d = toDeploymentSummary({ metadata: { name: 'bare' } });
    assert.equal(d.desired, 1);
    assert.deepEqual(d.strategy, { type: 'RollingUpdate', maxSurge: '25%', maxUnavailable: '25%' });
    assert.deepEqual(d.containers, []);
    assert.equal(d.revision, null);
    assert.equal(d.templateHash, null);
  });

  it('templateHashFromConditions ignores messages about other objects', () => {
    const progressing = (message: string) => [{ type: 'Progressing', status: 'True', message }];
    assert.equal(
      templateHashFromConditions('web', progressing('Created new replica set "web-7c5d9b8f6d"')),
      '7c5d9b8f6d',
    );
    assert.equal(
      templateHashFromConditions('web', progressing('ReplicaSet "webapp-7c5d9b8f6d" is progressing.')),
      null,
    );
    assert.equal(templateHashFromConditions('web', progressing('Deployment is paused')), null);
    assert.equal(templateHashFromConditions('web', undefined), null);
  });
});

describe('probe targets', () => {
  it('quotes exec arguments that contain spaces and marks https', () => {
    const d = toDeploymentSummary({
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'c',
                livenessProbe: { exec: { command: ['sh', '-c', "test -f /tmp/healthy && echo 'ok'"] } },
                readinessProbe: { httpGet: { port: 8443, path: 'ready', scheme: 'HTTPS', host: '10.0.0.7' } },
                startupProbe: { grpc: { port: 9000, service: 'health.v1' } },
              },
            ],
          },
        },
      },
    });
    const [c] = d.containers;
    assert.equal(c?.liveness?.target, `exec sh -c 'test -f /tmp/healthy && echo '\\''ok'\\'''`);
    assert.equal(c?.readiness?.target, 'GET 10.0.0.7:8443/ready (https)');
    assert.equal(c?.startup?.target, 'grpc :9000 health.v1');
  });

  it('a probe with no handler is no probe', () => {
    const d = toDeploymentSummary({
      spec: { template: { spec: { containers: [{ name: 'c', livenessProbe: { periodSeconds: 5 } }] } } },
    });
    assert.equal(d.containers[0]?.liveness, null);
  });
});

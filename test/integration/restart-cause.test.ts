// Why a pod restarted, as Podium tells it, on the real node: the real kubelet kills a container
// whose liveness (or startup) probe fails, the app crashes with exit 1, the kernel kills a
// container over its memory limit. Each pod and its events are read from the API server and put
// through the same models the page uses (toPodRow, toEventRow, restartCause).
// PODIUM_RECORD_FIXTURES=1 writes them to test/fixtures/k8s/restart-*.json for the unit tests.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, apply, kubectlJson, testNamespace, waitFor } from '../helpers/cluster';
import {
  NO_REAL_NODE,
  apiGet,
  closeConnections,
  demoDeployment,
  expectRealNode,
  podProxy,
} from '../helpers/real-node';
import { toEventRow, type RawEvent } from '../../lib/models/event';
import { toPodRow, type RawPod } from '../../lib/models/pod';
import { describeRestart, restartCause, type RestartCause } from '../../lib/models/restart-cause';

after(closeConnections);
const ns = testNamespace('restarts');
let real = true;
before(async () => {
  real = await expectRealNode();
});

/** managedFields say who wrote what: noise in a fixture */
function clean<T extends object>(o: T): T {
  const meta = (o as { metadata?: Record<string, unknown> }).metadata;
  if (meta) delete meta.managedFields;
  return o;
}

/** The pod of `app` and its events, straight from the API server. */
async function read(app: string): Promise<{ pod: RawPod; events: RawEvent[] } | null> {
  const pods = await kubectlJson<{ items: RawPod[] }>(['-n', ns.name, 'get', 'pods', '-l', `app=${app}`]);
  const pod = pods.items[0];
  if (!pod?.metadata?.name) return null;
  const events = await kubectlJson<{ items: RawEvent[] }>([
    '-n',
    ns.name,
    'get',
    'events',
    '--field-selector',
    `involvedObject.name=${pod.metadata.name}`,
  ]);
  return { pod: clean(pod), events: events.items.map((e) => clean(e)) };
}

/**
 * Waits (bounded) until the pod of `app` has restarted and its events name what the check wants,
 * then returns Podium's cause; records the objects as a fixture when asked to.
 */
async function causeOf(
  app: string,
  fixture: string,
  settled: (cause: RestartCause) => boolean,
  timeoutMs: number,
  restartsBefore = 0,
): Promise<RestartCause> {
  let seen: { pod: RawPod; events: RawEvent[]; cause: RestartCause } | null = null;
  await waitFor(
    `a restart of ${app} with its cause`,
    async () => {
      const objects = await read(app);
      const row = objects && toPodRow(objects.pod);
      const cause = row && row.restarts > restartsBefore && restartCause(row, objects.events.map(toEventRow));
      if (!objects || !cause) return false;
      seen = { ...objects, cause };
      return settled(cause);
    },
    timeoutMs,
    1_000,
  ).catch((err: Error) => {
    throw new Error(`${err.message}; last cause: ${seen ? describeRestart(seen.cause) : 'no restart yet'}`);
  });
  const { pod, events, cause } = seen!;
  console.log(`# ${app}: ${describeRestart(cause)}`);
  if (process.env.PODIUM_RECORD_FIXTURES === '1') {
    const file = join(ROOT, 'test', 'fixtures', 'k8s', `restart-${fixture}.json`);
    writeFileSync(file, `${JSON.stringify({ pod, events }, null, 2)}\n`);
  }
  return cause;
}

describe('restart causes on the real node', { timeout: 300_000 }, () => {
  it('tells a liveness kill (graceful exit), a startup kill, a crash with exit 1 and an OOM kill apart', async (t) => {
    if (!real) return t.skip(NO_REAL_NODE);
    await apply(
      ns.name,
      [
        // /inemuri stops every answer, /healthz included; the app still shuts down on SIGTERM.
        // The startup probe holds liveness back while Node boots (seconds on a busy machine).
        demoDeployment('sleepy', {
          env: { INEMURI_SECONDS: '30' },
          container: `        startupProbe:
          httpGet: {path: /healthz, port: http}
          periodSeconds: 1
          failureThreshold: 60
        livenessProbe:
          httpGet: {path: /healthz, port: http}
          periodSeconds: 2
          timeoutSeconds: 1
          failureThreshold: 3`,
        }),
        demoDeployment('late', {
          container: `        startupProbe:
          httpGet: {path: /nope, port: http}
          initialDelaySeconds: 5
          periodSeconds: 2
          failureThreshold: 3`,
        }),
        demoDeployment('crasher'),
        // the same image, told to fill its memory past the limit (Buffers live outside the JS heap)
        demoDeployment('hog', {
          container: `        command: ['node', '-e', 'const a = []; setInterval(() => { for (let i = 0; i < 8; i++) a.push(Buffer.alloc(1 << 20, 1)); }, 50)']`,
        }),
      ].join('---\n'),
    );

    /** Sends `path` once the pod is ready; its restarts then, so that an earlier restart does not count. */
    const answered = async (app: string, path: string): Promise<number> => {
      let last = '';
      let restarts = 0;
      await waitFor(
        `${app} answers ${path}`,
        async () => {
          const objects = await read(app);
          const row = objects && toPodRow(objects.pod);
          if (!row?.ready) return false;
          restarts = row.restarts;
          const a = await apiGet(podProxy(ns.name, row.name, path), 3_000);
          last = `${a.status} ${a.body.slice(0, 100)}`;
          return a.status === 200;
        },
        120_000,
        1_000,
      ).catch((err: Error) => {
        throw new Error(`${err.message}; last answer: ${last}`);
      });
      return restarts;
    };
    const [sleepy, crasher] = await Promise.all([
      answered('sleepy', '/inemuri'),
      answered('crasher', '/seppuku'),
    ]);

    const [liveness, startup, crash, oom] = await Promise.all([
      causeOf('sleepy', 'liveness', (c) => c.kind === 'liveness' && c.detail !== null, 120_000, sleepy),
      causeOf('late', 'startup', (c) => c.kind === 'startup' && c.detail !== null, 120_000),
      causeOf('crasher', 'crash', (c) => c.kind !== 'killed', 60_000, crasher),
      causeOf('hog', 'oom', (c) => c.kind === 'oom', 90_000),
    ]);

    assert.equal(liveness.kind, 'liveness');
    assert.equal(liveness.detail, 'timed out');
    assert.equal(liveness.appFault, false);
    assert.equal(startup.kind, 'startup');
    // 404 once Node listens; refused while it still boots (the first tries on a busy machine)
    assert.match(startup.detail ?? '', /^(HTTP 404|connection refused)$/);
    assert.equal(crash.kind, 'exit');
    assert.equal(crash.exit, 'exit 1');
    assert.equal(oom.kind, 'oom');
    assert.equal(oom.exit, 'exit 137 (SIGKILL)');
  });
});

// The watch hub against the local cluster's real API server: initial list, add/modify/delete,
// relist after a forced 410 Gone, and recovery after the API server restarts mid-watch.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ROOT,
  apply,
  deploymentYaml,
  kubectl,
  kubectlJson,
  testNamespace,
  waitFor,
  waitForValue,
} from '../helpers/cluster';
import type { HubEvent } from '../../lib/k8s/watch-hub';
import type { PodRow } from '../../lib/models/types';

const ns = testNamespace('hub');

describe('watch hub', () => {
  let hub: typeof import('../../lib/k8s/watch-hub');
  let health: typeof import('../../lib/k8s/health');
  const pods = new Map<string, PodRow>();
  const events: HubEvent[] = [];
  let unsubscribe: () => void = () => {};

  before(async () => {
    hub = await import('../../lib/k8s/watch-hub');
    health = await import('../../lib/k8s/health');
    await apply(ns.name, deploymentYaml('web', { replicas: 3 }));
    unsubscribe = hub.subscribe('pods', ns.name, (e) => {
      events.push(e);
      if (e.type === 'snapshot') {
        pods.clear();
        for (const p of e.items as PodRow[]) pods.set(p.uid, p);
      } else if (e.type === 'changes') {
        for (const c of e.changes) {
          if (c.type === 'DELETED') pods.delete(c.object.uid);
          else pods.set(c.object.uid, c.object as PodRow);
        }
      }
    });
  });
  after(async () => {
    unsubscribe();
    hub.stopAll();
    await (await import('../../lib/k8s/client')).closeConnections();
  });

  const readyNames = () =>
    [...pods.values()]
      .filter((p) => p.ready && !p.deleting)
      .map((p) => p.name)
      .sort();
  const clusterPodNames = async () =>
    (await kubectlJson<{ items: { metadata: { name: string } }[] }>(['-n', ns.name, 'get', 'pods'])).items
      .map((p) => p.metadata.name)
      .sort();

  it('lists, then sees pods added until 3 are Running and Ready', async () => {
    await waitFor('a snapshot', () => events.some((e) => e.type === 'snapshot'), 20_000);
    await waitFor('3 ready pods', () => readyNames().length === 3, 60_000);
    for (const p of pods.values()) {
      assert.equal(p.phase, 'Running');
      assert.equal(p.status, 'Running');
      assert.match(p.node ?? '', /^kwok-node-/);
      assert.match(p.ip ?? '', /^10\.244\./);
    }
  });

  it('follows a scale-up, a modification and a deletion', async () => {
    await kubectl(['-n', ns.name, 'scale', 'deployment/web', '--replicas=5']);
    await waitFor('5 ready pods', () => readyNames().length === 5, 60_000);

    const victim = readyNames()[0]!;
    await kubectl([
      '-n',
      ns.name,
      'annotate',
      'pod',
      victim,
      'sim.podium.dev/restarts=1',
      'sim.podium.dev/restart-reason=OOMKilled',
    ]);
    const restarted = await waitForValue('the restart to be seen', () =>
      [...pods.values()].find((p) => p.name === victim && p.restarts === 1),
    );
    assert.equal(restarted.lastTermination?.reason, 'OOMKilled');
    assert.equal(restarted.lastTermination?.exitCode, 137);

    await kubectl(['-n', ns.name, 'delete', 'pod', victim, '--wait=false']);
    await waitFor('the deleted pod to go', () => ![...pods.values()].some((p) => p.name === victim), 30_000);
    await waitFor('a replacement', () => readyNames().length === 5, 60_000);
  });

  it('relists after a 410 Gone', { timeout: 120_000 }, async () => {
    // The local API server compacts etcd every 10 s: wait until resourceVersion 1 is really gone.
    await waitFor(
      'etcd compaction of resourceVersion 1',
      async () => {
        // The API server says so either in the stream (an ERROR event) or as the response's status.
        const answer = await kubectl([
          'get',
          '--raw',
          `/api/v1/namespaces/${ns.name}/pods?watch=1&resourceVersion=1&timeoutSeconds=1`,
        ]).catch((err: Error & { stderr?: string }) => `${err.message} ${err.stderr ?? ''}`);
        return /Expired|too old|410|Gone/.test(answer);
      },
      60_000,
      2000,
    );
    const listsBefore = hub.hubStats().lists;
    const snapshotsBefore = events.filter((e) => e.type === 'snapshot').length;
    assert.ok(hub.restartWatchFrom('pods', ns.name, '1'), 'the informer is running');
    await waitFor('a relist', () => hub.hubStats().lists > listsBefore, 20_000);
    await waitFor(
      'a new snapshot',
      () => events.filter((e) => e.type === 'snapshot').length > snapshotsBefore,
    );
    assert.deepEqual(readyNames(), (await clusterPodNames()).sort());
  });

  it(
    'recovers after the API server restarts mid-watch, with no stale pod left',
    { timeout: 180_000 },
    async () => {
      const script = join(ROOT, 'scripts/cluster/apiserver.sh');
      execFileSync('bash', [script, 'stop']);
      await waitFor('the hub to notice', () => health.clusterStatus().state !== 'live', 30_000);
      execFileSync('bash', [script, 'start']);
      // Change the cluster while the hub is still backing off: it must catch up by relisting.
      const gone = (await clusterPodNames())[0]!;
      await kubectl(['-n', ns.name, 'delete', 'pod', gone, '--wait=false']);
      await kubectl(['-n', ns.name, 'scale', 'deployment/web', '--replicas=2']);
      await waitFor('live again', () => health.clusterStatus().state === 'live', 60_000);
      await waitFor(
        'the hub to match the cluster',
        async () => {
          const names = await clusterPodNames();
          const seen = [...pods.values()].map((p) => p.name).sort();
          return names.length === 2 && JSON.stringify(seen) === JSON.stringify(names);
        },
        90_000,
        500,
      );
      assert.ok(
        ![...pods.values()].some((p) => p.name === gone),
        'the pod deleted during the outage is gone',
      );
    },
  );

  it('holds one watch per kind and namespace, whatever the number of subscribers', async () => {
    const before = hub.hubStats();
    const offs = Array.from({ length: 20 }, () => hub.subscribe('pods', ns.name, () => {}));
    await new Promise((r) => setTimeout(r, 500));
    const during = hub.hubStats();
    assert.equal(during.informers, before.informers);
    assert.equal(during.openWatches, before.openWatches);
    for (const off of offs) off();
  });
});

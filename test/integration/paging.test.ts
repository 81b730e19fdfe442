// Lists in pages against the local cluster's real API server: more pods than one page holds
// (kwok pods on this file's own kwok node, made by one Deployment scale), read by the pager and by
// the watch hub 500 at a time; and a continue token that etcd's compaction really expired (410),
// after which the list starts over and still returns every pod once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { kubectl, testNamespace, waitFor } from '../helpers/cluster';
import {
  createLargeNodes,
  deleteLargeNodes,
  largeDeploymentYaml,
  removePodsNow,
  type LargeNodes,
} from '../helpers/kwok-pods';
import type { HubEvent } from '../../lib/k8s/watch-hub';

const ns = testNamespace('h-large-paging');
/** more than two pages of 500 */
const PODS = 1_100;

describe('paged lists', () => {
  let pager: typeof import('../../lib/k8s/pager');
  let hub: typeof import('../../lib/k8s/watch-hub');
  let pods: typeof import('../../lib/k8s/pods');
  let nodes: LargeNodes | null = null;

  before(async () => {
    pager = await import('../../lib/k8s/pager');
    hub = await import('../../lib/k8s/watch-hub');
    pods = await import('../../lib/k8s/pods');
    nodes = await createLargeNodes(ns.name, 1, PODS + 100);
    // the pods need only exist (not run) to be listed: the ReplicaSet controller makes them at 200/s
    await kubectl(['-n', ns.name, 'apply', '-f', '-'], largeDeploymentYaml('many', PODS, ns.name));
    await waitFor(`${PODS} pods`, async () => (await pods.listPods(ns.name)).length === PODS, 120_000, 2_000);
  });
  after(async () => {
    hub.stopAll();
    await (await import('../../lib/k8s/client')).closeConnections();
    // the namespace goes first (testNamespace), the node once its pods are gone
    await removePodsNow(ns.name).catch((err: Error) => console.log(`# removing the pods: ${err.message}`));
    await kubectl(['delete', 'namespace', ns.name, '--wait=true', '--timeout=120s']).catch(() => undefined);
    if (nodes) await deleteLargeNodes(nodes);
  });

  it('reads every pod once, in pages of at most 500', async () => {
    const sizes: number[] = [];
    const fetch = pager.fetchPages(`/api/v1/namespaces/${ns.name}/pods`, { what: 'list pods' });
    const listed = await pager.listAllPages(
      async (q) => {
        const page = await fetch(q);
        sizes.push(page.items.length);
        return page;
      },
      (raw) => (raw as { metadata: { uid: string } }).metadata.uid,
    );
    assert.deepEqual(sizes, [500, 500, 100]);
    assert.equal(new Set(listed.items).size, PODS);
    assert.match(listed.resourceVersion, /^\d+$/);
  });

  it('the watch hub lists the namespace in pages and watches from there', async () => {
    const before = hub.hubStats().lists;
    const snapshot = await new Promise<HubEvent>((resolve) => {
      const stop = hub.subscribe('pods', ns.name, (e) => {
        if (e.type !== 'snapshot') return;
        stop();
        resolve(e);
      });
    });
    assert.equal(snapshot.type === 'snapshot' && snapshot.items.length, PODS);
    assert.equal(hub.hubStats().lists - before, 3, 'three list responses, not one');
  });

  it('starts over when etcd compacted away the continue token (a real 410 Expired)', async () => {
    const fetch = pager.fetchPages(`/api/v1/namespaces/${ns.name}/pods`, { what: 'list pods' });
    let token: string | undefined;
    const listed = await pager.listAllPages(
      async (q) => {
        const page = await fetch(q);
        if (token === undefined && page.metadata.continue) {
          token = page.metadata.continue;
          // Between two pages: write, until etcd has compacted the list's revision (the local
          // cluster compacts every 10 s), i.e. until this token answers 410 Expired itself.
          let tick = 0;
          await waitFor(
            'the continue token to expire',
            async () => {
              await kubectl([
                '-n',
                ns.name,
                'annotate',
                'deployment',
                'many',
                `podium.dev/tick=${tick++}`,
                '--overwrite',
              ]);
              try {
                await fetch({ limit: 500, continue: token });
                return false;
              } catch (err) {
                return pager.isExpired(err);
              }
            },
            60_000,
            2_000,
          );
        }
        return page;
      },
      (raw) => (raw as { metadata: { uid: string } }).metadata.uid,
    );
    assert.equal(listed.restarts, 1);
    assert.equal(listed.items.length, PODS);
    assert.equal(new Set(listed.items).size, PODS, 'no pod twice: the expired attempt left nothing behind');
  });
});

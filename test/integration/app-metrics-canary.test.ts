// The observed canary split on the real node (issue 19): 3 stable + 1 canary pods behind one
// Service, a bounded load through the Service by Podium's own load engine (lib/k8s/traffic), and
// the share each track served over the last minute read from the pods' own request counters by
// the observed-split route (called in-process). Then the canary scaled to 3: about half.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apply, kubectl, readyEndpoints, testNamespace } from '../helpers/cluster';
import { READY_WHEN_LISTENING, currentDemoImage, scrapeAnnotations } from '../helpers/demo-image';
import { closeConnections, demoDeployment, expectRealNode, serviceYaml } from '../helpers/real-node';
import { waitFor, waitForValue } from '../helpers/wait';
import { ctx, request } from '../unit/actions/helpers';
import { observedSplit, type ObservedSplit } from '../../lib/models/appmetrics/observed-split';
import type { ObservedRequests } from '../../lib/models/appmetrics/query';
import { binomialInterval } from '../../lib/models/split-stats';

process.env.PODIUM_SCRAPE_INTERVAL_MS = '1000';

after(closeConnections);
const ns = testNamespace('observed');
const real = await expectRealNode();

type Route = typeof import('../../app/api/namespaces/[namespace]/observed-split/route');
let GET: Route['GET'];
let startLoad: typeof import('../../lib/k8s/traffic/load').startLoad;

const annotations = scrapeAnnotations();
const container = READY_WHEN_LISTENING;
const track = (name: string, replicas: number, version: string) =>
  demoDeployment(name, {
    replicas,
    version,
    container,
    labels: { app: 'echo', track: name },
    podAnnotations: annotations,
  });

async function observed(expected: Record<string, number>): Promise<ObservedSplit> {
  const res = await GET(
    request(`/api/namespaces/${ns.name}/observed-split?deployments=stable,canary`, {
      method: 'GET',
      origin: null,
      csrfHeader: null,
      csrfCookie: null,
    }),
    ctx({ namespace: ns.name }),
  );
  assert.equal(res.status, 200);
  const body = (await res.json()) as ObservedRequests;
  return observedSplit(
    Object.entries(expected).map(([deployment, share]) => ({ deployment, expected: share })),
    body.served,
  );
}

/** A bounded load through the Service, the split read (keeping the reader's viewer) until it is done. */
async function loadAndRead(expected: Record<string, number>): Promise<ObservedSplit> {
  // the window empties first: nothing counted in the last minute (at most 90 s)
  await waitForValue(
    'an empty window',
    async () => ((await observed(expected)).requests < 1 ? {} : null),
    90_000,
    2000,
  );
  const { done } = await startLoad({
    namespace: ns.name,
    service: 'echo',
    path: '/version',
    concurrency: 2,
    rate: 25,
    durationSeconds: 16,
    keepAlive: true,
  });
  let finished = false;
  void done.then(() => (finished = true));
  await waitFor('the load run', async () => (await observed(expected), finished), 60_000, 2000);
  // two more scrapes take in the last requests
  await new Promise((r) => setTimeout(r, 2500));
  return observed(expected);
}

function assertShare(split: ObservedSplit, deployment: string, p: number): string {
  const s = split.shares.find((m) => m.deployment === deployment);
  assert.ok(s, deployment);
  // a 99.9 % range so that chance alone fails this test once in a thousand runs
  const { low, high } = binomialInterval(split.requests, p, 0.999);
  assert.ok(split.requests >= 200, `${split.requests} requests counted`);
  const seen = `${deployment} ${s.measured} of ${split.requests}, range ${low}..${high}`;
  assert.ok(s.measured >= low && s.measured <= high, seen);
  return seen;
}

describe('the observed canary split, from the pods own counters', { skip: !real }, () => {
  before(async () => {
    await currentDemoImage();
    (await import('../../lib/k8s/client')).resetCluster();
    ({ GET } = await import('../../app/api/namespaces/[namespace]/observed-split/route'));
    ({ startLoad } = await import('../../lib/k8s/traffic/load'));
    await apply(
      ns.name,
      [track('stable', 3, '1.0.0'), track('canary', 1, '2.0.0'), serviceYaml('echo', { app: 'echo' })].join(
        '---\n',
      ),
    );
    await waitFor(
      '4 ready endpoints',
      async () => (await readyEndpoints(ns.name, 'echo')) === 4,
      180_000,
      1000,
    );
  });

  it('3 + 1: the stable track served about 75 %', async (t) => {
    const split = await loadAndRead({ stable: 0.75, canary: 0.25 });
    t.diagnostic(assertShare(split, 'stable', 0.75));
  });

  it('scaled to 3 + 3: about 50 %', async (t) => {
    await kubectl(['-n', ns.name, 'scale', 'deployment/canary', '--replicas=3']);
    await waitFor(
      '6 ready endpoints',
      async () => (await readyEndpoints(ns.name, 'echo')) === 6,
      180_000,
      1000,
    );
    const split = await loadAndRead({ stable: 0.5, canary: 0.5 });
    t.diagnostic(assertShare(split, 'stable', 0.5));
  });
});

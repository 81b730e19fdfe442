// The Podium server with N pods and 1 or `viewers` viewers (each its own browser profile, on the big
// Deployment's page): its RSS and CPU while 20 pod changes/s arrive, and the watches it holds on the
// API server, read from the API server's own /metrics.
import { WATCHED_KINDS } from '../lib/models/types';
import { namespacedWatches } from './lib/api';
import { deploymentUrl, HEADER, sleep, type BenchContext } from './lib/context';
import { closeViewers, loadAll, openViewers } from './lib/page';
import { churn } from './lib/pods';
import { ms, note, record } from './lib/report';
import { cpuPercent, orNone, procStats, runtimeStats } from './lib/server';

const RSS_TARGET_MB = 400;

export async function serverBench(c: BenchContext, pods: number): Promise<void> {
  await sleep(5_000); // earlier viewers' watches have lingered out
  const baseline = await namespacedWatches();
  const watches: number[] = [];
  for (const n of [1, c.args.viewers]) {
    const before = await runtimeStats(c.podium, true); // a new event-loop window: the viewers joining
    const viewers = await openViewers(c.browser, n, false);
    try {
      const loaded = await loadAll(viewers, deploymentUrl(c), HEADER, 300_000);
      const label = `${pods} pods, ${n} viewer${n > 1 ? 's' : ''}`;
      const joined = orNone(await runtimeStats(c.podium));
      record(
        'server',
        `${label}: event-loop delay p99 / max while they join`,
        `${ms(joined.eventLoopDelayMs.p99)} / ${ms(joined.eventLoopDelayMs.max)}`,
        '< 500 ms max at 10,000 pods, 30 viewers',
        pods >= 10_000 && n >= 30 ? joined.eventLoopDelayMs.max < 500 : null,
      );
      if (before?.feeds && joined.feeds) {
        const serialized = joined.feeds.serialized - before.feeds.serialized;
        const delivered = joined.feeds.delivered - before.feeds.delivered;
        record(
          'server',
          `${label}: live messages serialized / handed to streams while they join`,
          `${serialized} / ${delivered} (snapshots made ${joined.feeds.snapshotsMade - before.feeds.snapshotsMade} times)`,
          'serialized once per scope, whatever the viewers',
        );
      }
      record(
        'server',
        `${label}: viewers showing live data`,
        `${loaded.length} of ${n}`,
        `${n} of ${n}`,
        loaded.length === n,
      );
      await sleep(10_000);
      const w = (await namespacedWatches()) - baseline;
      watches.push(w);
      await runtimeStats(c.podium, true);
      const [cpu] = await Promise.all([
        cpuPercent(c.podium.pid, 30_000),
        churn(c.bench.ns, 'app=big', 20, 30),
      ]);
      const p = procStats(c.podium.pid);
      const rt = orNone(await runtimeStats(c.podium));
      const rssMet = pods >= 10_000 && n >= 30 ? p.rssMb < RSS_TARGET_MB : null;
      record(
        'server',
        `${label}: RSS`,
        `${p.rssMb} MB (heap ${Math.round(rt.heapUsedBytes / 2 ** 20)} MB)`,
        `< ${RSS_TARGET_MB} MB at 10,000 pods, 30 viewers`,
        rssMet,
      );
      record('server', `${label}: CPU while 20 pod changes/s arrive (30 s)`, `${cpu} % of one core`);
      record(
        'server',
        `${label}: event-loop delay p99 / max in those 30 s`,
        `${ms(rt.eventLoopDelayMs.p99)} / ${ms(rt.eventLoopDelayMs.max)}`,
      );
      record(
        'server',
        `${label}: namespaced watches Podium added on the API server`,
        String(w),
        `one per kind (${WATCHED_KINDS.length}), whatever the viewers`,
        w <= WATCHED_KINDS.length && w === watches[0],
      );
    } finally {
      await closeViewers(viewers);
    }
  }
  note(
    'server',
    `baseline of namespaced watches before any viewer: ${baseline} (other clients of the shared cluster)`,
  );
}

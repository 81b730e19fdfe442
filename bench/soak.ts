// Soak: `viewers` viewers (each its own profile) on a Deployment of `soakPods` pods that churn for
// `minutes` minutes (`soakRate` label patches/s, and a few pods deleted each minute so the set of
// names moves). Each minute: the server's RSS, heap and event-loop delay. At the end, with the
// churn stopped: every viewer's pods against a LIST.
import { kubectl } from '../test/helpers/cluster';
import { listPodNames } from './lib/api';
import { deploymentUrl, HEADER, sleep, type BenchContext } from './lib/context';
import { closeViewers, loadAll, openViewers, shownPods, WATCH_RECONNECTS } from './lib/page';
import { churn, deploy, scaleAndWait } from './lib/pods';
import { ms, note, percentile, record } from './lib/report';
import { orNone, procStats, runtimeStats } from './lib/server';

const DELETES_PER_MINUTE = 5;

async function deleteSome(ns: string): Promise<void> {
  const names = [...(await listPodNames(ns, 'app=soak'))].slice(0, DELETES_PER_MINUTE);
  if (names.length)
    await kubectl(['-n', ns, 'delete', 'pod', '--wait=false', ...names]).catch(() => undefined);
}

export async function soakBench(c: BenchContext): Promise<void> {
  const { soakPods, minutes, soakRate } = c.args;
  await deploy(c.bench, 'soak', 0);
  note(
    'soak',
    `soak pods ready after ${(await scaleAndWait(c.bench, 'soak', soakPods, 900_000)).toFixed(0)} s`,
  );
  const viewers = await openViewers(c.browser, c.args.viewers, false);
  try {
    const loaded = await loadAll(viewers, deploymentUrl(c, 'soak'), HEADER, 300_000);
    record('soak', `viewers showing live data at the start`, `${loaded.length} of ${viewers.length}`);
    await Promise.all(loaded.map((v) => v.page.evaluate(WATCH_RECONNECTS)));
    const rss: number[] = [];
    const p99s: number[] = [];
    await runtimeStats(c.podium, true);
    for (let m = 1; m <= minutes; m++) {
      await Promise.all([churn(c.bench.ns, 'app=soak', soakRate, 60), deleteSome(c.bench.ns)]);
      const p = procStats(c.podium.pid);
      const rt = orNone(await runtimeStats(c.podium, true));
      rss.push(p.rssMb);
      p99s.push(rt.eventLoopDelayMs.p99);
      note(
        'soak',
        `minute ${m}: RSS ${p.rssMb} MB, heap ${Math.round(rt.heapUsedBytes / 2 ** 20)} MB, event-loop delay p99 ${ms(rt.eventLoopDelayMs.p99)}`,
      );
    }
    const from = rss[Math.min(4, rss.length - 1)] ?? NaN;
    const to = rss[rss.length - 1] ?? NaN;
    const growth = (100 * (to - from)) / from;
    record(
      'soak',
      `${minutes} min, ${loaded.length} viewers, ${soakPods} pods: RSS growth from minute ${Math.min(5, rss.length)} to ${rss.length}`,
      `${growth.toFixed(1)} % (${from} → ${to} MB)`,
      '< 10 %',
      growth < 10,
    );
    record(
      'soak',
      'event-loop delay p99, worst minute / median minute',
      `${ms(Math.max(...p99s))} / ${ms(percentile(p99s, 50))}`,
    );
    await sleep(15_000); // churn stopped: the last changes reach every viewer
    const truth = await listPodNames(c.bench.ns, 'app=soak', true); // terminating pods are shown too
    let stale = 0;
    let reconnects = 0;
    for (const v of loaded) {
      const shown = await shownPods(v.page);
      reconnects += (await v.page.evaluate('window.__reconnects')) as number;
      const ghost = shown.names.filter((n) => !truth.has(n)).length;
      if (shown.total !== truth.size || ghost > 0) {
        stale++;
        note(
          'soak',
          `stale viewer: holds ${shown.total} pods (LIST: ${truth.size}), ${ghost} shown that no longer exist`,
        );
      }
    }
    record(
      'soak',
      'viewers whose pods differ from a LIST at the end',
      `${stale} of ${loaded.length} (rendered names and the count compared)`,
      '0',
      stale === 0,
    );
    record('soak', 'reconnects seen by the viewers (indicator left "live")', String(reconnects));
  } finally {
    await closeViewers(viewers);
  }
}

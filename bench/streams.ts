// The Podium server alone, without browsers: N plain HTTP readers of the big Deployment's live
// stream (the scope a deployment page opens), joining at once, each reading everything it is sent.
// What it costs the server to bring N streams to a 10,000-pod scope: RSS, the event-loop delay
// while they join, how long until every reader has its pods snapshot, and how many times the
// messages were serialized. It separates the server's share from the 30 Chromium tabs of
// `server`, which on 2 cores measure the browsers as much as Podium.
import { sleep, type BenchContext } from './lib/context';
import { ms, record } from './lib/report';
import { orNone, procStats, runtimeStats } from './lib/server';

const RSS_TARGET_MB = 400;
const DELAY_TARGET_MS = 500;

/** Reads one stream until its pods snapshot has arrived; resolves with the time, keeps reading until aborted. */
async function reader(
  url: string,
  signal: AbortSignal,
  t0: number,
): Promise<{ snapshotMs: number; bytes: () => number }> {
  const res = await fetch(url, { signal });
  if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status}`);
  const body = res.body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let tail = '';
  for (;;) {
    const { value, done } = await body.read();
    if (done) throw new Error('stream ended before the pods snapshot');
    bytes += value.byteLength;
    // the event name and the start of its data are at the start of a message: look at the seams only
    tail = (tail + decoder.decode(value, { stream: true })).slice(-200_000);
    if (/event: snapshot\ndata: \{"kind":"pods"/.test(tail)) break;
    if (tail.length > 100_000) tail = tail.slice(-100);
  }
  const snapshotMs = Date.now() - t0;
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await body.read();
        if (done) return;
        bytes += value.byteLength;
      }
    } catch {
      // aborted
    }
  })();
  return { snapshotMs, bytes: () => bytes };
}

export async function streamsBench(c: BenchContext, pods: number): Promise<void> {
  const url = `${c.podium.url}/api/stream?namespace=${c.bench.ns}&deployment=big`;
  for (const n of [1, c.args.viewers]) {
    await sleep(5_000);
    const label = `${pods} pods, ${n} plain stream reader${n > 1 ? 's' : ''}`;
    const before = await runtimeStats(c.podium, true);
    const abort = new AbortController();
    const t0 = Date.now();
    try {
      const got = await Promise.allSettled(
        Array.from({ length: n }, () =>
          reader(url, AbortSignal.any([abort.signal, AbortSignal.timeout(300_000)]), t0),
        ),
      );
      const ok = got.flatMap((g) => (g.status === 'fulfilled' ? [g.value] : []));
      const joined = orNone(await runtimeStats(c.podium));
      const p = procStats(c.podium.pid);
      const last = Math.max(...ok.map((o) => o.snapshotMs));
      record(
        'streams',
        `${label}: readers with the pods snapshot`,
        `${ok.length} of ${n}, the last after ${ms(last)}`,
        `${n} of ${n}`,
        ok.length === n,
      );
      record(
        'streams',
        `${label}: RSS once all have it (heap)`,
        `${p.rssMb} MB (${Math.round(joined.heapUsedBytes / 2 ** 20)} MB)`,
        `< ${RSS_TARGET_MB} MB at 10,000 pods, 30 readers`,
        pods >= 10_000 && n >= 30 ? p.rssMb < RSS_TARGET_MB : null,
      );
      record(
        'streams',
        `${label}: event-loop delay p99 / max while they join`,
        `${ms(joined.eventLoopDelayMs.p99)} / ${ms(joined.eventLoopDelayMs.max)}`,
        `max < ${DELAY_TARGET_MS} ms at 10,000 pods, 30 readers`,
        pods >= 10_000 && n >= 30 ? joined.eventLoopDelayMs.max < DELAY_TARGET_MS : null,
      );
      if (before?.feeds && joined.feeds) {
        record(
          'streams',
          `${label}: messages serialized / handed to streams; snapshots made`,
          `${joined.feeds.serialized - before.feeds.serialized} / ${joined.feeds.delivered - before.feeds.delivered}; ${joined.feeds.snapshotsMade - before.feeds.snapshotsMade}`,
          'each message serialized once, whatever the readers',
        );
      }
      const mb = ok.reduce((sum, o) => sum + o.bytes(), 0) / 2 ** 20;
      record(
        'streams',
        `${label}: bytes received in all`,
        `${mb.toFixed(1)} MB (${(mb / Math.max(1, ok.length)).toFixed(1)} MB each)`,
      );
    } finally {
      abort.abort();
    }
  }
}

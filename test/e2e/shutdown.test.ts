// A SIGTERM stops Podium even while browsers hold live streams: the streams end (each EventSource
// then reconnects, behind a Service to another replica) and the process exits by itself, instead of
// waiting for its grace period and the kubelet's SIGKILL.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startPodium, type Podium } from '../helpers/podium';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Opens a live stream and resolves with the first chunk; `ended` settles when the server ends it. */
async function openStream(url: string) {
  const res = await fetch(`${url}/api/stream?namespace=default`);
  assert.equal(res.status, 200);
  const reader = res.body!.getReader();
  const first = await reader.read();
  assert.equal(first.done, false);
  const ended = (async () => {
    for (let i = 0; i < 1000; i++) if ((await reader.read()).done) return true;
    return false;
  })().catch(() => true);
  return { ended };
}

describe('shutdown', () => {
  let podium: Podium | undefined;
  after(async () => podium?.stop());

  it('ends open live streams on SIGTERM and exits', async () => {
    podium = await startPodium();
    const streams = await Promise.all([openStream(podium.url), openStream(podium.url)]);

    const t0 = Date.now();
    process.kill(podium.pid, 'SIGTERM');
    // The streams end at once; without the handler they stay open and the process never exits.
    const ended = await Promise.race([
      Promise.all(streams.map((s) => s.ended)),
      new Promise<'open'>((r) => setTimeout(() => r('open'), 15_000).unref()),
    ]);
    assert.deepEqual(ended, [true, true], 'both streams should end after SIGTERM');
    for (let i = 0; i < 150 && alive(podium.pid); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(alive(podium.pid), false, `podium still running 15 s after SIGTERM:\n${podium.logs()}`);
    assert.match(podium.logs(), /SIGTERM: closed 2 live stream\(s\)/);
    console.log(`# SIGTERM with 2 open streams: exited after ${Date.now() - t0} ms`);
  });
});

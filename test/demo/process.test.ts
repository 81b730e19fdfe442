// The real process, as the kubelet sees it: exit codes, signals, sockets.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, test } from 'node:test';
import {
  closed,
  connectionRefused,
  eventually,
  nextMessage,
  openWebSocket,
  spawnDemo,
  withTimeout,
} from './helpers.ts';

describe('/seppuku', () => {
  test('answers 200, then the process exits with code 1', async (t) => {
    const demo = await spawnDemo();
    t.after(() => demo.child.kill('SIGKILL'));
    const res = await fetch(`${demo.url}/seppuku`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { status: string }).status, 'terminating');
    assert.equal(await demo.exited(), 1);
    assert.ok(demo.logs.some((l) => l.event === 'seppuku'));
  });
});

describe('graceful SIGTERM', () => {
  test('not ready, drain, refuse new connections, finish in-flight, close WebSockets 1001, exit 0', async (t) => {
    const demo = await spawnDemo({ SHUTDOWN_DRAIN_MS: '2500', SHUTDOWN_TIMEOUT_MS: '20000' });
    t.after(() => demo.child.kill('SIGKILL'));
    const port = Number(new URL(demo.url).port);
    assert.equal((await fetch(`${demo.url}/readyz`)).status, 200);

    const ws = await openWebSocket(demo.url);
    ws.send('before');
    assert.equal(await nextMessage(ws), 'before');
    const wsClosed = closed(ws, 15_000);

    // an in-flight request: its body is still being uploaded when SIGTERM arrives
    const inFlight = request(`${demo.url}/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Expect: '100-continue' },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      inFlight.once('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      inFlight.once('error', reject);
    });
    // "100 Continue" proves the server holds the request before the signal is sent
    const continued = new Promise((resolve) => inFlight.once('continue', resolve));
    inFlight.flushHeaders();
    await withTimeout(continued, 5000, 'no 100 Continue');
    inFlight.write('first half, ');

    demo.child.kill('SIGTERM');

    // while draining the app still answers, but reports not ready (the signal takes a moment to land)
    const reason = await eventually(
      async () => {
        const res = await fetch(`${demo.url}/readyz`);
        const body = (await res.json()) as { reason?: string };
        return res.status === 503 ? body.reason : undefined;
      },
      5000,
      'readyz 503 while draining',
    );
    assert.equal(reason, 'shutting down');

    // then the listener closes: new connections are refused, the WebSocket gets 1001
    await eventually(async () => ((await connectionRefused(port)) ? true : undefined), 15_000, 'refused');
    assert.deepEqual(await wsClosed, { code: 1001, reason: 'going away' });
    assert.equal(demo.child.exitCode, null, 'the process waits for the in-flight request');

    inFlight.end('second half');
    assert.deepEqual(await withTimeout(answer, 10_000, 'in-flight request'), {
      status: 200,
      body: 'first half, second half',
    });
    assert.equal(await demo.exited(), 0);
    const events = demo.logs.map((l) => l.event);
    for (const e of ['signal', 'shutdown_start', 'shutdown_done', 'exit']) assert.ok(events.includes(e), e);
  });

  test('SHUTDOWN_TIMEOUT_MS bounds it: a request that never ends is cut and the exit code is 1', async (t) => {
    const demo = await spawnDemo({ SHUTDOWN_TIMEOUT_MS: '1000' });
    t.after(() => demo.child.kill('SIGKILL'));
    const stuck = request(`${demo.url}/echo`, { method: 'POST', headers: { Expect: '100-continue' } });
    const failed = new Promise<string>((resolve) =>
      stuck.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? '')),
    );
    const continued = new Promise((resolve) => stuck.once('continue', resolve));
    stuck.flushHeaders();
    await withTimeout(continued, 5000, 'no 100 Continue');
    stuck.write('never finished');
    demo.child.kill('SIGTERM');
    assert.equal(await demo.exited(), 1);
    assert.equal(await withTimeout(failed, 5000, 'request error'), 'ECONNRESET');
    assert.ok(demo.logs.some((l) => l.event === 'shutdown_timeout'));
  });
});

test('a malformed env var stops the app at start with exit code 2 and a log line naming it', async () => {
  const demo = spawnDemo({ ECHO_DELAY_MS: 'slow' }, 5000);
  await assert.rejects(demo, /exited with 2 .*"event":"config_error".*ECHO_DELAY_MS must be an integer/);
});

// The shutdown sequence in-process; process.test.ts drives the same through a real SIGTERM.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { startServer } from '../../demo/src/server.ts';
import { closed, openWebSocket, withTimeout } from './helpers.ts';

test('/readyz turns 503 as soon as a graceful shutdown starts, while the app still serves', async (t) => {
  const app = await startServer({ host: '127.0.0.1', port: 0, shutdownDrainMs: 2000 });
  t.after(() => app.close());
  assert.equal((await fetch(`${app.url}/readyz`)).status, 200);
  const done = app.shutdown();
  const res = await fetch(`${app.url}/readyz`);
  assert.equal(res.status, 503);
  assert.deepEqual(await res.json(), { status: 'not ready', reason: 'shutting down' });
  assert.equal(res.headers.get('connection'), 'close', 'clients are told to reconnect elsewhere');
  assert.equal(await done, 'graceful');
});

test('with nothing in flight the shutdown is graceful and closes WebSockets with 1001', async (t) => {
  const app = await startServer({ host: '127.0.0.1', port: 0 });
  t.after(() => app.close());
  const ws = await openWebSocket(app.url);
  const wsClosed = closed(ws);
  assert.equal(await withTimeout(app.shutdown(), 10_000, 'shutdown'), 'graceful');
  assert.deepEqual(await wsClosed, { code: 1001, reason: 'going away' });
});

test('past SHUTDOWN_TIMEOUT_MS a stuck request is cut and the result is "timeout"', async (t) => {
  const app = await startServer({ host: '127.0.0.1', port: 0, shutdownTimeoutMs: 500 });
  t.after(() => app.close());
  const stuck = request(`${app.url}/echo`, { method: 'POST', headers: { Expect: '100-continue' } });
  const failed = new Promise<string>((resolve) =>
    stuck.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? '')),
  );
  const continued = new Promise((resolve) => stuck.once('continue', resolve));
  stuck.flushHeaders();
  await withTimeout(continued, 5000, 'no 100 Continue');
  stuck.write('never finished');
  assert.equal(await withTimeout(app.shutdown(), 10_000, 'shutdown'), 'timeout');
  assert.equal(await withTimeout(failed, 5000, 'request error'), 'ECONNRESET');
});

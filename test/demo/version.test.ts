import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, test } from 'node:test';
import { startServer, type DemoServer } from '../../demo/src/server.ts';
import { WebSocket } from 'ws';
import { closed, withTimeout } from './helpers.ts';

let app: DemoServer;
before(
  async () =>
    (app = await startServer({
      host: '127.0.0.1',
      port: 0,
      version: '2.0.0',
      podName: 'echo-7d9f-x2k',
      podIp: '10.1.2.3',
    })),
);
after(() => app.close());

for (const path of ['/', '/version']) {
  test(`${path} tells which version runs on which pod`, async () => {
    const res = await fetch(app.url + path);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { version: '2.0.0', pod: 'echo-7d9f-x2k', ip: '10.1.2.3' });
  });
}

test('every response carries X-App-Version and X-Pod-Name, errors included', async () => {
  for (const [path, status] of [
    ['/healthz', 200],
    ['/nope', 404],
    ['/cpu?ms=0', 400],
    ['/metrics', 200],
  ] as const) {
    const res = await fetch(app.url + path);
    assert.equal(res.status, status, path);
    assert.equal(res.headers.get('x-app-version'), '2.0.0', path);
    assert.equal(res.headers.get('x-pod-name'), 'echo-7d9f-x2k', path);
    await res.arrayBuffer();
  }
});

test('the WebSocket handshake response carries them too', async () => {
  const ws = new WebSocket(app.url.replace('http', 'ws') + '/ws');
  const upgrade = await withTimeout(
    new Promise<IncomingMessage>((resolve, reject) => {
      ws.once('upgrade', resolve);
      ws.once('error', reject);
    }),
    5000,
    'no upgrade',
  );
  assert.equal(upgrade.headers['x-app-version'], '2.0.0');
  assert.equal(upgrade.headers['x-pod-name'], 'echo-7d9f-x2k');
  ws.close();
  await closed(ws);
});

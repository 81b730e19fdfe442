import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startServer, type DemoServer } from '../../demo/src/server.ts';
import { closed, nextMessage, openWebSocket } from './helpers.ts';

describe('echo without delay', () => {
  let app: DemoServer;
  before(async () => (app = await startServer({ host: '127.0.0.1', port: 0 })));
  after(() => app.close());

  test('POST /echo returns the body and its content type', async () => {
    const res = await fetch(`${app.url}/echo`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'Hey there!',
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain');
    assert.equal(await res.text(), 'Hey there!');
  });

  test('GET /echo is 405 with Allow: POST', async () => {
    const res = await fetch(`${app.url}/echo`);
    assert.equal(res.status, 405);
    assert.equal(res.headers.get('allow'), 'POST');
  });

  test('a body over 1 MiB is refused with 413', async () => {
    const res = await fetch(`${app.url}/echo`, { method: 'POST', body: Buffer.alloc(1024 * 1024 + 1) });
    assert.equal(res.status, 413);
  });

  test('the WebSocket on /ws echoes text and binary messages, in order', async () => {
    const ws = await openWebSocket(app.url);
    ws.send('one');
    assert.equal(await nextMessage(ws), 'one');
    ws.send(Buffer.from([1, 2, 3]));
    assert.deepEqual(await nextMessage(ws), Buffer.from([1, 2, 3]));
    const replies: string[] = [];
    const three = new Promise<void>((resolve) =>
      ws.on('message', (data: Buffer) => replies.push(data.toString()) === 3 && resolve()),
    );
    for (const m of ['a', 'b', 'c']) ws.send(m);
    await three;
    assert.deepEqual(replies, ['a', 'b', 'c']);
    ws.close(1000);
    assert.equal((await closed(ws)).code, 1000);
  });

  test('a request target that does not parse is a 400, not a crash', async () => {
    const { port } = new URL(app.url);
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write('GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
      );
      let data = '';
      socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
      socket.on('end', () => resolve(data.split('\r\n')[0] ?? ''));
      socket.on('error', reject);
    });
    assert.equal(head, 'HTTP/1.1 400 Bad Request');
    assert.equal((await fetch(`${app.url}/healthz`)).status, 200);
  });

  test('GET /ws without an upgrade says so (426)', async () => {
    assert.equal((await fetch(`${app.url}/ws`)).status, 426);
  });
});

describe('echo with ECHO_DELAY_MS', () => {
  const delayMs = 100;
  let app: DemoServer;
  before(async () => (app = await startServer({ host: '127.0.0.1', port: 0, echoDelayMs: delayMs })));
  after(() => app.close());

  test('each WebSocket message takes at least the delay', async () => {
    const ws = await openWebSocket(app.url);
    const started = performance.now();
    for (let i = 0; i < 3; i++) {
      ws.send(`m${i}`);
      assert.equal(await nextMessage(ws), `m${i}`);
    }
    // lower bound only: the delay is a floor, never a ceiling we can rely on in CI
    assert.ok(performance.now() - started >= 3 * delayMs * 0.9, 'three messages should take >= ~300 ms');
    ws.close();
    await closed(ws);
  });

  test('an HTTP echo takes at least the delay', async () => {
    const started = performance.now();
    const res = await fetch(`${app.url}/echo`, { method: 'POST', body: 'x' });
    assert.equal(await res.text(), 'x');
    assert.ok(performance.now() - started >= delayMs * 0.9);
  });
});

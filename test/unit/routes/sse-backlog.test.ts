import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backlogBytes, backlogStrategy, enqueueBounded } from '../../../lib/routes/sse-backlog';

const MiB = 2 ** 20;

function open() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) }, backlogStrategy);
  return { stream, controller };
}

describe('enqueueBounded (a live stream whose reader stops reading)', () => {
  it('counts unread bytes, not chunks', () => {
    const { controller } = open();
    assert.equal(enqueueBounded(controller, new Uint8Array(1000), 10 * MiB), true);
    assert.equal(enqueueBounded(controller, new Uint8Array(500), 10 * MiB), true);
    assert.equal(backlogBytes(controller), 1500);
  });

  it('fails the stream once the backlog passes the limit, dropping what was queued', async () => {
    const { stream, controller } = open();
    assert.equal(enqueueBounded(controller, new Uint8Array(MiB), 2.5 * MiB), true);
    assert.equal(enqueueBounded(controller, new Uint8Array(MiB), 2.5 * MiB), true);
    assert.equal(enqueueBounded(controller, new Uint8Array(MiB), 2.5 * MiB), false);
    // nothing more goes in, and the reader gets the error rather than 3 MiB of stale changes
    assert.equal(enqueueBounded(controller, new Uint8Array(1), 2.5 * MiB), false);
    await assert.rejects(stream.getReader().read(), /fell 3 MiB behind/);
  });

  it('never fails a stream whose reader keeps up, however much goes through', async () => {
    const { stream, controller } = open();
    const reader = stream.getReader();
    let read = 0;
    for (let i = 0; i < 50; i++) {
      assert.equal(enqueueBounded(controller, new Uint8Array(MiB), 2.5 * MiB), true);
      const { value } = await reader.read();
      read += value?.byteLength ?? 0;
    }
    assert.equal(read, 50 * MiB);
    assert.equal(backlogBytes(controller), 0);
  });

  it('says false for a stream that is already closed', () => {
    const { controller } = open();
    controller.close();
    assert.equal(enqueueBounded(controller, new Uint8Array(1)), false);
  });
});

// A live stream must not let a slow reader grow the server's memory. A viewer whose laptop sleeps,
// whose tab the browser froze, or a proxy that stopped reading leaves every change Podium sends
// in the stream's queue; with 10,000 pods churning that is megabytes a minute, per viewer, for as
// long as the connection stays open. Past a limit the stream is failed at once: its queue is
// dropped, the connection closes, and the browser's EventSource reconnects and resyncs from
// snapshots (the stream's contract: lib/models/stream.ts), the way the API server drops a watcher
// that falls behind.

/** More than a 10,000-pod namespace's snapshots (about 13 MB of pods, a few MB of events) at once. */
export const MAX_BACKLOG_BYTES = 32 * 2 ** 20;

/** The queuing strategy that makes `desiredSize` count unread bytes (it counts chunks by default). */
export const backlogStrategy: QueuingStrategy<Uint8Array> = {
  highWaterMark: 0,
  size: (chunk) => chunk.byteLength,
};

/** Bytes enqueued and not yet read, for a stream built with backlogStrategy. */
export function backlogBytes(controller: ReadableStreamDefaultController<Uint8Array>): number {
  return Math.max(0, -(controller.desiredSize ?? 0));
}

/**
 * Enqueues `bytes`; when more than `limit` bytes then wait unread, fails the stream (dropping its
 * queue) with `reason` and returns false. Also false when the stream is already closed or failed.
 */
export function enqueueBounded(
  controller: ReadableStreamDefaultController<Uint8Array>,
  bytes: Uint8Array,
  limit = MAX_BACKLOG_BYTES,
): boolean {
  try {
    controller.enqueue(bytes);
  } catch {
    return false; // closed or failed already
  }
  const waiting = backlogBytes(controller);
  if (waiting <= limit) return true;
  controller.error(
    new Error(`the reader fell ${Math.round(waiting / 2 ** 20)} MiB behind: stream closed, to resync`),
  );
  return false;
}

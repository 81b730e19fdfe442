import 'server-only';
import { trackStream } from './live-streams';
import { backlogStrategy, enqueueBounded, MAX_BACKLOG_BYTES } from './sse-backlog';

// A Server-Sent Events response, as every streaming route serves it (the live stream, the logs):
// `retry: 2000` first, then what the route writes; it ends when the browser goes, when the reader
// falls `maxBacklog` bytes behind (sse-backlog.ts: its EventSource reconnects and resyncs), or on
// SIGTERM (live-streams.ts), and then runs the route's cleanup.

const encoder = new TextEncoder();

/** Writes bytes (shared ones included: never modified) or text to the stream; a no-op once it ended. */
export interface SseWriter {
  bytes(chunk: Uint8Array): void;
  text(chunk: string): void;
}

export function sseResponse(
  signal: AbortSignal,
  start: (out: SseWriter) => () => void,
  maxBacklog = MAX_BACKLOG_BYTES,
): Response {
  const cleanups: (() => void)[] = [];
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    for (const c of cleanups.splice(0)) c();
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const bytes = (chunk: Uint8Array) => {
          if (!closed && !enqueueBounded(controller, chunk, maxBacklog)) close();
        };
        const out: SseWriter = { bytes, text: (chunk) => bytes(encoder.encode(chunk)) };
        const end = () => {
          close();
          try {
            controller.close();
          } catch {
            // already closed
          }
        };
        out.text('retry: 2000\n\n');
        signal.addEventListener('abort', end);
        cleanups.push(trackStream(end));
        cleanups.push(start(out));
      },
      cancel: close,
    },
    backlogStrategy,
  );

  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    },
  });
}

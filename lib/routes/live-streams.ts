import 'server-only';

// The live streams this process is serving, so that a SIGTERM ends them. Next's own handler
// (`next start`, the standalone server.js) stops accepting connections and then waits for every open
// request to finish; an SSE stream never finishes by itself, so without this a terminating pod would
// hang until its grace period ran out and the kubelet's SIGKILL. Ended here, each browser's
// EventSource reconnects (`retry: 2000`) to another replica behind the Service, and resyncs from its
// snapshots.

type Close = () => void;

const g = globalThis as typeof globalThis & { __podiumStreams?: Set<Close>; __podiumStreamsHooked?: boolean };

function streams(): Set<Close> {
  g.__podiumStreams ??= new Set();
  return g.__podiumStreams;
}

/** Ends every open stream; returns how many there were. */
export function closeAllStreams(): number {
  const open = [...streams()];
  streams().clear();
  for (const close of open) close();
  return open.length;
}

/** Tracks one open stream until it closes; returns the function that forgets it. */
export function trackStream(close: Close): () => void {
  if (!g.__podiumStreamsHooked) {
    g.__podiumStreamsHooked = true;
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        const n = closeAllStreams();
        if (n > 0) console.log(`[podium] ${signal}: closed ${n} live stream(s) so the server can stop`);
      });
    }
  }
  streams().add(close);
  return () => streams().delete(close);
}

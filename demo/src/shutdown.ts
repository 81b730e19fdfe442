// Graceful termination, in the order Kubernetes needs it
// (https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-termination):
// the kubelet sends SIGTERM while the endpoints controller is still removing the pod from its
// Services, so the app first reports not-ready and keeps serving for SHUTDOWN_DRAIN_MS, then
// stops listening, lets in-flight requests finish, closes WebSockets with 1001 "going away", and
// exits. SHUTDOWN_TIMEOUT_MS bounds the whole sequence; past it connections are cut.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from './log.ts';

export type ShutdownResult = 'graceful' | 'timeout';

export interface ShutdownSteps {
  drainMs: number;
  timeoutMs: number;
  log: Logger;
  /** readiness false and Connection: close on every later response */
  beginDraining(): void;
  /** stop accepting connections; resolves once every connection (HTTP and WebSocket) has ended */
  stopListening(): Promise<void>;
  /** ask what is left to finish: idle keep-alive sockets close, WebSockets get close code 1001 */
  closeConnections(): void;
  /** past the deadline: drop whatever is still open */
  forceClose(): void;
}

export async function shutdownGracefully(steps: ShutdownSteps): Promise<ShutdownResult> {
  const startedAt = performance.now();
  const deadline = new AbortController();
  const timedOut = sleep(steps.timeoutMs, 'timeout' as const, { signal: deadline.signal }).catch(
    () => 'cancelled' as const,
  );

  steps.beginDraining();
  steps.log('shutdown_start', { drainMs: steps.drainMs, timeoutMs: steps.timeoutMs });
  try {
    const drained = sleep(steps.drainMs, 'drained' as const, { signal: deadline.signal }).catch(
      () => 'cancelled' as const,
    );
    if ((await Promise.race([drained, timedOut])) === 'drained') {
      const stopped = steps.stopListening().then(() => 'stopped' as const);
      steps.closeConnections();
      if ((await Promise.race([stopped, timedOut])) === 'stopped') {
        steps.log('shutdown_done', { ms: Math.round(performance.now() - startedAt) });
        return 'graceful';
      }
    }
    steps.forceClose();
    steps.log('shutdown_timeout', { ms: Math.round(performance.now() - startedAt) });
    return 'timeout';
  } finally {
    deadline.abort();
  }
}

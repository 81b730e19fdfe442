// "Inemuri" (sleeping on duty): for a while the app answers nothing at all, /healthz included, so a
// liveness probe fails and the kubelet restarts the container. The websockets story does this by
// blocking its event loop with time.sleep(10); here every request, upgrade and WebSocket message
// waits on a gate instead, which hangs the same way from outside but keeps the process testable
// and lets held work finish once the app wakes, as a blocked event loop would.

export interface Inemuri {
  readonly active: boolean;
  /** resolves at once when awake, otherwise when the current sleep ends */
  awake(): Promise<void>;
  /** start sleeping for ms; a second call while asleep cannot happen: it waits on the gate too */
  sleep(ms: number): void;
  /** wake now (used when the server is torn down) */
  cancel(): void;
}

export function createInemuri(): Inemuri {
  let timer: NodeJS.Timeout | null = null;
  let gate: Promise<void> = Promise.resolve();
  let wake: () => void = () => {};

  return {
    get active() {
      return timer !== null;
    },
    awake: () => gate,
    sleep(ms) {
      if (timer !== null) return;
      gate = new Promise<void>((resolve) => {
        wake = () => {
          if (timer !== null) clearTimeout(timer);
          timer = null;
          resolve();
        };
      });
      timer = setTimeout(() => wake(), ms);
    },
    cancel: () => wake(),
  };
}

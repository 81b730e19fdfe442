// The two ways the app makes itself slow on purpose.

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Block the whole event loop for ms without using CPU, like the websockets story's
 * time.sleep(0.1) per message: one pod then serves at most 1000/ms messages a second and saturates.
 */
export function blockEventLoop(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Keep a core busy for about ms of compute, in 10 ms slices that yield to the event loop, so the
 * pod stays responsive (its probes keep passing) while its CPU usage drives an HPA.
 */
export async function burnCpu(ms: number): Promise<number> {
  let burned = 0;
  while (burned < ms) {
    const sliceStart = performance.now();
    const sliceEnd = sliceStart + Math.min(10, ms - burned);
    while (performance.now() < sliceEnd) {
      // spin: reading the clock is work enough to keep the core at 100 %
    }
    burned += performance.now() - sliceStart;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return burned;
}

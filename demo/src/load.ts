// The two ways the app makes itself slow on purpose.

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Block the whole event loop for ms without using CPU, like the websockets story's
 * time.sleep(0.1) per message: one pod then serves at most 1000/ms messages a second and saturates.
 */
export function blockEventLoop(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}

/** CPU time of the main thread in ms: what a container's CPU usage (and so an HPA) counts. */
function threadCpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/**
 * Use about ms of CPU time, in slices of at most 10 ms that yield to the event loop, so the pod
 * stays responsive (its probes keep passing) while its CPU usage drives an HPA. CPU time, not wall
 * time: under a CPU limit or a busy node the request takes longer but costs the same.
 */
export async function burnCpu(ms: number): Promise<number> {
  let burned = 0;
  while (burned < ms) {
    const sliceStart = threadCpuMs();
    const sliceEnd = sliceStart + Math.min(10, ms - burned);
    let now = sliceStart;
    while (now < sliceEnd) now = threadCpuMs();
    burned += now - sliceStart;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return burned;
}

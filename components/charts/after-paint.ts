// When a chart may load its library: after the frame that shows the page's current data has been
// painted, and once the main thread has a moment. Parsing and running recharts (376 KB decoded)
// takes a 2-core laptop a few hundred milliseconds; done in the same frames as the first live data,
// it would hold back the header, the pod tiles and the first clicks. The timeout keeps a page that is
// never idle (a busy stream) from waiting for ever.

/** Calls `run` after the next painted frame and an idle period (at most `timeout` ms later); returns a cancel. */
export function afterPaint(run: () => void, timeout = 1_000): () => void {
  let cancelled = false;
  let frame = 0;
  let idle: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const whenIdle = () => {
    if (cancelled) return;
    // Safari has no requestIdleCallback: a short timer stands in for it
    if (typeof requestIdleCallback === 'function')
      idle = requestIdleCallback(() => !cancelled && run(), { timeout });
    else timer = setTimeout(() => !cancelled && run(), 50);
  };
  // a callback of the next frame runs before that frame's paint; a task queued from it runs after
  frame = requestAnimationFrame(() => {
    timer = setTimeout(whenIdle, 0);
  });
  return () => {
    cancelled = true;
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
    if (idle !== undefined && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
  };
}

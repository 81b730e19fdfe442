// Bounded polling for tests, pure (no cluster, no node:test hooks) so unit tests can import it.
// A check says "done" only with exactly `true`: anything else is "not yet", and a string is kept as
// the diagnostic shown on timeout. A truthy-means-done contract let checks that return a
// diagnostic string on failure pass at the first poll, whatever they saw.

/** What a waitFor check returns: `true` when done; `false`, nothing or a diagnostic string when not. */
export type Wait = boolean | string | null | undefined;

/** What waitForValue waits for: an object, not a promise (else `async () => 'text'` would type-check). */
export type Value = object & { then?: never };

async function poll(
  what: string,
  check: () => unknown,
  done: (value: unknown) => boolean,
  timeoutMs: number,
  everyMs: number,
): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (done(last)) return last;
    } catch (err) {
      last = err; // not yet: the message is the diagnostic
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${shown(last)}`);
}

function shown(last: unknown): string {
  if (last instanceof Error) return last.message;
  if (typeof last === 'string') return last;
  return JSON.stringify(last) ?? String(last);
}

/** Polls `check` until it returns exactly `true` (bounded), else fails with the last value seen. */
export async function waitFor(
  what: string,
  check: () => Wait | Promise<Wait>,
  timeoutMs = 60_000,
  everyMs = 250,
): Promise<void> {
  await poll(what, check, (v) => v === true, timeoutMs, everyMs);
}

/**
 * Polls `check` until it returns an object (an array counts; null/undefined do not) and returns it.
 * Values are objects only: a string could not be told apart from a diagnostic.
 */
export async function waitForValue<T extends Value>(
  what: string,
  check: () => T | null | undefined | Promise<T | null | undefined>,
  timeoutMs = 60_000,
  everyMs = 250,
): Promise<T> {
  return (await poll(what, check, (v) => typeof v === 'object' && v !== null, timeoutMs, everyMs)) as T;
}

// Asking again after a failure, on a bounded schedule: what the browser does when a piece of
// Podium's own code (a chart's chunk) could not be fetched because the network or Podium's replica
// was away for a moment. Pure: the waiting is passed in, so the tests drive it with a fake clock.

/** The waits between attempts when a chart's code fails to load: 11 attempts over about 105 s. */
export const CHUNK_RETRY_DELAYS_MS: readonly number[] = [
  1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000, 15_000, 15_000, 15_000,
];

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt`; after each failure waits the next of `delaysMs` and runs it again. Resolves with
 * the first success; rejects with the last failure once the delays are used up (1 + delays.length
 * attempts in all).
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  delaysMs: readonly number[],
  sleep: (ms: number) => Promise<void> = wait,
): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      const delay = delaysMs[i];
      if (delay === undefined) throw err;
      await sleep(delay);
    }
  }
}

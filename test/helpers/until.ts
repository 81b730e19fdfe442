// waitFor's new contract (done only when the check returns exactly `true`; anything else is the
// diagnostic shown on a timeout), for the logs tests while branches still differ on waitFor.
// Once every branch has the new waitFor (test/helpers/cluster.ts), this is the same function.
export async function until(what: string, check: () => Promise<unknown> | unknown, timeoutMs = 60_000, everyMs = 250) {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last === true) return;
    } catch (err) {
      last = err instanceof Error ? err.message : err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last)}`);
}

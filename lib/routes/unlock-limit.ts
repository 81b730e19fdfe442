import 'server-only';

// How many wrong action tokens a process accepts before it refuses to check more: a guesser gets a
// few tries a minute, not thousands. Counted per browser (its CSRF cookie) and for the whole process:
// in a class a student who mistypes locks out only their own browser, never the teacher's; only a
// flood from many browsers at once (more than PROCESS_MAX a minute) reaches the process-wide cap,
// which still keeps a guess at an 80-bit token hopeless. Per replica: with N replicas behind a
// Service, at most N times as many.

export const WINDOW_MS = 60_000;
export const BROWSER_MAX = 10;
export const PROCESS_MAX = 100;

export interface UnlockLimiter {
  /** why this browser may not try now, or null */
  blocked(browser: string, now: number): 'browser' | 'process' | null;
  fail(browser: string, now: number): void;
}

export function createUnlockLimiter(): UnlockLimiter {
  let all: number[] = [];
  const byBrowser = new Map<string, number[]>();
  const prune = (now: number) => {
    all = all.filter((t) => now - t < WINDOW_MS);
    for (const [k, times] of byBrowser) {
      const kept = times.filter((t) => now - t < WINDOW_MS);
      if (kept.length === 0) byBrowser.delete(k);
      else byBrowser.set(k, kept);
    }
  };
  return {
    blocked(browser, now) {
      prune(now);
      if ((byBrowser.get(browser)?.length ?? 0) >= BROWSER_MAX) return 'browser';
      return all.length >= PROCESS_MAX ? 'process' : null;
    },
    fail(browser, now) {
      all.push(now);
      byBrowser.set(browser, [...(byBrowser.get(browser) ?? []), now]);
    },
  };
}

// Is a measured canary split what the replica counts promise? Each request lands on one member, so
// a member's count in a sample of n answers is Binomial(n, expected share) when traffic follows the
// expected split. The 95 % interval below is that distribution's central 95 % (exact, not the normal
// approximation, which fails near 0 % and 100 % and for small samples): a measured share outside
// it happens by chance 5 % of the time or less, so it is flagged.
// https://en.wikipedia.org/wiki/Binomial_distribution
import type { SplitShare } from './traffic';

export interface ExpectedMember {
  deployment: string;
  /** 0..1, from ready endpoints (lib/models/canary.ts) */
  expected: number;
}

/** The central `level` interval of Binomial(n, p), as shares of n: [low, high]. */
export function binomialInterval(n: number, p: number, level = 0.95): { low: number; high: number } {
  if (!Number.isInteger(n) || n <= 0) return { low: 0, high: 1 };
  if (!(p > 0)) return { low: 0, high: 0 };
  if (!(p < 1)) return { low: 1, high: 1 };
  const tail = (1 - level) / 2;
  // log pmf by recurrence (n <= a few thousand), then normalised from the largest term: no underflow
  const logs = new Array<number>(n + 1);
  logs[0] = n * Math.log1p(-p);
  const odds = Math.log(p) - Math.log1p(-p);
  for (let k = 0; k < n; k++) logs[k + 1] = (logs[k] as number) + Math.log((n - k) / (k + 1)) + odds;
  const max = Math.max(...logs);
  const pmf = logs.map((l) => Math.exp(l - max));
  const total = pmf.reduce((a, b) => a + b, 0);
  let lowK = 0;
  for (let acc = 0; lowK <= n; lowK++) {
    acc += (pmf[lowK] as number) / total;
    if (acc > tail) break;
  }
  let highK = n;
  for (let acc = 0; highK >= 0; highK--) {
    acc += (pmf[highK] as number) / total;
    if (acc > tail) break;
  }
  return { low: lowK / n, high: highK / n };
}

/**
 * Measured vs expected share per member. `counts` are answers per member Deployment; answers from
 * elsewhere are not in the sample. A member with no ready pod expects 0 %: any answer from it is
 * flagged. With no answer at all nothing can be said and nothing is flagged.
 */
export function splitShares(
  members: readonly ExpectedMember[],
  counts: Readonly<Record<string, number>>,
): SplitShare[] {
  const n = members.reduce((sum, m) => sum + Math.max(0, counts[m.deployment] ?? 0), 0);
  return members.map((m) => {
    const responses = Math.max(0, counts[m.deployment] ?? 0);
    const measured = n > 0 ? responses / n : 0;
    const { low, high } = n > 0 ? binomialInterval(n, m.expected) : { low: 0, high: 1 };
    // a tiny tolerance: 3/4 computed two ways must not be "outside" [0.75, 0.75]
    const outside = n > 0 && (measured < low - 1e-9 || measured > high + 1e-9);
    return { deployment: m.deployment, expected: m.expected, responses, measured, low, high, outside };
  });
}

/** One sentence for the whole sample, e.g. "200 answers: every member within its 95 % range". */
export function describeSplit(shares: readonly SplitShare[], answered: number, failed: number): string {
  if (answered === 0) {
    return failed > 0
      ? `no answer from any member (${failed} request${failed === 1 ? '' : 's'} failed)`
      : 'nothing measured yet';
  }
  const off = shares.filter((s) => s.outside).map((s) => s.deployment);
  const failedText = failed > 0 ? `, ${failed} failed` : '';
  if (off.length === 0) return `${answered} answers${failedText}: every member within its 95 % range`;
  return `${answered} answers${failedText}: ${off.join(', ')} outside the 95 % range of the expected share`;
}

// The availability probe's timeline: who answered each request, the outages, and the columns the
// panel draws (a few hundred at most, whatever the number of samples).
import type { ProbeSample } from './traffic';
import type { ReplicaSetSummary } from './types';

/** A pod's ReplicaSet from its name: the ReplicaSet controller names pods <replicaset>-<5 chars>. */
export function replicaSetOfPodName(pod: string): string | null {
  const cut = pod.lastIndexOf('-');
  return cut > 0 ? pod.slice(0, cut) : null;
}

/**
 * Who answered: the version the app reports (header or JSON field), else the pod's ReplicaSet
 * (from the live pod list when known, else from the pod's name), else the pod, else null.
 */
export function answeredBy(
  reported: { version: string | null; pod: string | null },
  podOwner: ((pod: string) => string | null) | null = null,
): string | null {
  if (reported.version) return reported.version;
  if (!reported.pod) return null;
  return podOwner?.(reported.pod) ?? replicaSetOfPodName(reported.pod) ?? reported.pod;
}

/** Longest stretch of consecutive failures, in ms: from the first failure to the next success. */
export function longestOutageMs(samples: readonly ProbeSample[], now?: number): number {
  let longest = 0;
  let since: number | null = null;
  let last: ProbeSample | null = null;
  for (const s of samples) {
    if (!s.ok) since ??= s.t;
    else if (since !== null) {
      longest = Math.max(longest, s.t - since);
      since = null;
    }
    last = s;
  }
  if (since !== null && last) longest = Math.max(longest, Math.max(now ?? 0, last.t + last.ms) - since);
  return longest;
}

/** Running totals, kept by the server as samples arrive (the whole run may outlive the kept samples). */
export interface OutageTracker {
  failures: number;
  longestOutageMs: number;
  /** start of the current outage */
  outageSince: number | null;
}

export function trackSample(tracker: OutageTracker, s: ProbeSample): OutageTracker {
  if (!s.ok) {
    const since = tracker.outageSince ?? s.t;
    return {
      failures: tracker.failures + 1,
      outageSince: since,
      longestOutageMs: Math.max(tracker.longestOutageMs, s.t + s.ms - since),
    };
  }
  if (tracker.outageSince === null) return tracker;
  return {
    ...tracker,
    outageSince: null,
    longestOutageMs: Math.max(tracker.longestOutageMs, s.t - tracker.outageSince),
  };
}

export interface TimelineColumn {
  /** epoch ms, start of the column */
  from: number;
  ok: number;
  failed: number;
  /** who answered most in this column (successes only) */
  answeredBy: string | null;
  /** slowest latency in the column, ms */
  maxMs: number;
}

/** Samples in [from, to) grouped into `columns` equal slices of time; empty slices have 0 and 0. */
export function timelineColumns(
  samples: readonly ProbeSample[],
  from: number,
  to: number,
  columns: number,
): TimelineColumn[] {
  const n = Math.max(1, Math.floor(columns));
  const width = Math.max(1, (to - from) / n);
  const out: (TimelineColumn & { votes: Map<string, number> })[] = Array.from({ length: n }, (_, i) => ({
    from: from + i * width,
    ok: 0,
    failed: 0,
    answeredBy: null,
    maxMs: 0,
    votes: new Map(),
  }));
  for (const s of samples) {
    if (s.t < from || s.t >= to) continue;
    const col = out[Math.min(n - 1, Math.floor((s.t - from) / width))];
    if (!col) continue;
    col.maxMs = Math.max(col.maxMs, s.ms);
    if (!s.ok) {
      col.failed++;
      continue;
    }
    col.ok++;
    if (s.answeredBy) col.votes.set(s.answeredBy, (col.votes.get(s.answeredBy) ?? 0) + 1);
  }
  return out.map(({ votes, ...c }) => {
    let best: string | null = null;
    let most = 0;
    for (const [k, v] of votes) if (v > most) [best, most] = [k, v];
    return { ...c, answeredBy: best };
  });
}

/** Who answered, in order of first appearance: the legend, and the stable colour of each. */
export function answerers(samples: readonly ProbeSample[]): string[] {
  const seen = new Set<string>();
  for (const s of samples) if (s.answeredBy) seen.add(s.answeredBy);
  return [...seen];
}

/**
 * The ReplicaSet an answerer stands for, so the timeline and the ReplicaSet bars share colours: a
 * reported version matches the ReplicaSet with that version (the newest when several do), a
 * ReplicaSet name matches itself.
 */
export function replicaSetOfAnswerer(
  answerer: string,
  replicaSets: readonly ReplicaSetSummary[],
): string | null {
  const byName = replicaSets.find((rs) => rs.name === answerer);
  if (byName) return byName.name;
  const byVersion = replicaSets
    .filter((rs) => rs.version === answerer)
    .sort((a, b) => (b.revision ?? 0) - (a.revision ?? 0));
  return byVersion[0]?.name ?? null;
}

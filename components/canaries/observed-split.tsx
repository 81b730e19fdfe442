'use client';
import { SplitBar, type SplitSegment } from '@/components/ui/progress';
import type { ObservedSplit } from '@/lib/models/appmetrics/observed-split';

const pct = (share: number) => `${Math.round(share * 100)} %`;

export interface ObservedSplitSectionProps {
  observed: ObservedSplit;
  /** a colour class per member Deployment, as in the panel's other bars */
  colorOf: (deployment: string) => string;
  windowSeconds: number;
  /** the reader's notes (a pod that declares no endpoint, one that timed out), shown as text */
  notes: readonly string[];
}

/** The share of requests each track really served, from the pods' own counters, with its range. */
export function ObservedSplitSection({ observed, colorOf, windowSeconds, notes }: ObservedSplitSectionProps) {
  const segments: SplitSegment[] = observed.shares.map((s) => ({
    key: s.deployment,
    label: s.deployment,
    share: s.measured,
    className: colorOf(s.deployment),
  }));
  const requests = Math.round(observed.requests).toLocaleString('en-US');
  return (
    <div className="space-y-1" data-testid="canary-observed" data-requests={observed.requests}>
      <p className="text-xs font-medium text-slate-500 uppercase dark:text-slate-400">
        Observed split (the pods&apos; own request counters, last {windowSeconds / 60} min, {requests}{' '}
        requests)
      </p>
      {observed.requests > 0 ? (
        <>
          <SplitBar
            segments={segments}
            label={`Observed traffic split: ${segments.map((s) => `${s.label} ${pct(s.share)}`).join(', ')}`}
          />
          <ul className="text-xs text-slate-600 dark:text-slate-300">
            {observed.shares.map((s) => (
              <li
                key={s.deployment}
                data-testid="canary-observed-member"
                data-deployment={s.deployment}
                data-observed={s.measured}
                data-low={s.low}
                data-high={s.high}
                data-requests={s.responses}
              >
                {s.deployment}: {pct(s.measured)} of {requests} ({s.responses.toLocaleString('en-US')});
                expected {pct(s.expected)}, by chance {pct(s.low)}–{pct(s.high)}
                {s.outside ? ' · outside the range' : ''}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="text-xs text-slate-500">No request counted in the last minute.</p>
      )}
      {notes.slice(0, 3).map((n, i) => (
        <p key={i} className="text-xs break-words text-amber-700 dark:text-amber-400">
          {n}
        </p>
      ))}
    </div>
  );
}

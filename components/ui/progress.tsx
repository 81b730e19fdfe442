import { cn, TONE_SOLID, type Tone } from './cn';

export interface ProgressProps {
  value: number;
  max: number;
  tone?: Tone;
  /** what the bar measures, for screen readers ("3 of 4 pods ready") */
  label: string;
  className?: string;
  /** striped look, e.g. for a rollout still in progress */
  striped?: boolean;
}

/**
 * A thin horizontal bar; value is clamped to [0, max]. The fill slides in from the left, clipped by
 * the track: a transform, which the compositor animates alone. A width transition would lay out and
 * paint the page at every frame of its half second, in every open tab, at each change of a rollout's
 * counts.
 */
export function Progress({ value, max, tone = 'ok', label, className, striped = false }: ProgressProps) {
  const pct = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={Math.min(Math.max(value, 0), max)}
      title={label}
      className={cn('h-1.5 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800', className)}
    >
      <div
        className={cn(
          'h-full w-full rounded-full transition-transform duration-300 ease-out motion-reduce:transition-none',
          TONE_SOLID[tone],
          striped &&
            'bg-[image:repeating-linear-gradient(45deg,transparent_0_0.35rem,rgb(255_255_255/0.3)_0.35rem_0.7rem)]',
        )}
        style={{ transform: `translateX(${pct - 100}%)` }}
      />
    </div>
  );
}

export interface SplitSegment {
  key: string;
  label: string;
  /** a share in [0, 1] */
  share: number;
  className: string;
}

/** One bar cut into labelled segments (a traffic split). Shares need not sum to 1. */
export function SplitBar({
  segments,
  label,
  className,
}: {
  segments: SplitSegment[];
  label: string;
  className?: string;
}) {
  return (
    <div
      role="img"
      aria-label={label}
      className={cn('flex h-3 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800', className)}
    >
      {segments.map((s) => (
        <div
          key={s.key}
          title={`${s.label}: ${Math.round(s.share * 100)} %`}
          className={cn('h-full transition-[width] duration-500 ease-out', s.className)}
          style={{ width: `${Math.max(0, Math.min(1, s.share)) * 100}%` }}
        />
      ))}
    </div>
  );
}

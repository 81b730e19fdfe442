import { cn, TONE_SOFT } from '@/components/ui/cn';
import type { Outcome } from './use-action';

/** The last outcome, inline, for pages without a ToastProvider. */
export function OutcomeLine({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null;
  return (
    <p
      role="status"
      data-testid="action-outcome"
      data-tone={outcome.tone}
      className={cn('rounded-md px-2 py-1 text-xs ring-1 ring-inset', TONE_SOFT[outcome.tone])}
    >
      <span className="font-medium">{outcome.title}</span>
      {outcome.detail ? <span className="break-words"> — {outcome.detail}</span> : null}
    </p>
  );
}

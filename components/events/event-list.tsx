import { Badge } from '@/components/ui/badge';
import { cn, type Tone } from '@/components/ui/cn';
import { RelativeTime } from '@/components/ui/relative-time';
import { sortEventsNewestFirst } from '@/lib/models/event';
import type { EventRow } from '@/lib/models/types';

export interface EventListProps {
  events: EventRow[];
  /** show at most this many (newest); all by default */
  limit?: number;
  /** the events are newest first already (a deployment's family): no sort */
  sorted?: boolean;
  /** the stream holds at most this many (a deployment page's newest events): said under the list */
  heldAtMost?: number;
  /** hide the involved object column, e.g. on a pod's own page */
  hideInvolved?: boolean;
  /** a fixed clock for tests */
  now?: number;
  className?: string;
}

// Warnings that mean "something is broken" rather than "something is slow": shown in red.
const BAD_REASONS = new Set([
  'BackOff',
  'Failed',
  'FailedCreate',
  'FailedMount',
  'FailedScheduling',
  'OOMKilling',
  'Evicted',
  'ErrImagePull',
  'ImagePullBackOff',
  'FailedGetResourceMetric',
  'FailedComputeMetricsReplicas',
]);

function eventTone(e: Pick<EventRow, 'type' | 'reason'>): Tone {
  if (e.type !== 'Warning') return 'neutral';
  return BAD_REASONS.has(e.reason) ? 'bad' : 'warn';
}

/** The namespace's events as `kubectl get events` would list them, newest first. */
export function EventList({
  events,
  limit,
  sorted = false,
  hideInvolved = false,
  heldAtMost,
  now,
  className,
}: EventListProps) {
  const ordered = sorted ? events : sortEventsNewestFirst(events);
  const shown = limit !== undefined ? ordered.slice(0, limit) : ordered;
  return (
    <div data-testid="event-list" className={className}>
      {shown.length === 0 ? (
        <p className="py-4 text-sm text-slate-500 dark:text-slate-400">No recent events.</p>
      ) : null}
      <ol className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Events, newest first">
        {shown.map((e) => {
          const tone = eventTone(e);
          return (
            <li
              key={e.uid}
              data-testid="event-row"
              data-type={e.type}
              data-reason={e.reason}
              className={cn(
                'grid grid-cols-[auto_1fr_auto] items-baseline gap-x-3 gap-y-0.5 py-2 text-sm',
                tone === 'bad' && 'bg-red-50/60 dark:bg-red-500/5',
                tone === 'warn' && 'bg-amber-50/60 dark:bg-amber-500/5',
              )}
            >
              <Badge tone={tone} dot={tone !== 'neutral'} className="self-start">
                {e.type}
              </Badge>
              <div className="min-w-0">
                <span className="font-medium">{e.reason}</span>
                {hideInvolved ? null : (
                  <span className="ml-2 font-mono text-xs text-slate-500 dark:text-slate-400">
                    {e.involved.kind.toLowerCase()}/{e.involved.name}
                  </span>
                )}
                <p className="break-words text-slate-700 dark:text-slate-300">{e.message}</p>
              </div>
              <div className="text-right text-xs whitespace-nowrap text-slate-500 tabular-nums dark:text-slate-400">
                {e.count > 1 ? (
                  <span
                    className="mr-2 font-medium text-slate-700 dark:text-slate-300"
                    title={`${e.count} times`}
                  >
                    ×{e.count}
                  </span>
                ) : null}
                <RelativeTime iso={e.lastSeen ?? e.firstSeen ?? e.createdAt} now={now} />
              </div>
            </li>
          );
        })}
      </ol>
      {limit !== undefined && ordered.length > limit ? (
        <p className="pt-2 text-xs text-slate-500 dark:text-slate-400">
          Showing the newest {limit} of{' '}
          {heldAtMost !== undefined && ordered.length >= heldAtMost
            ? `the newest ${heldAtMost.toLocaleString('en-US')} events Podium follows for this deployment`
            : `${ordered.length.toLocaleString('en-US')} events`}
          .
        </p>
      ) : null}
    </div>
  );
}

import { cn } from '@/components/ui/cn';
import { RelativeTime } from '@/components/ui/relative-time';
import { sortEventsNewestFirst } from '@/lib/models/event';
import type { EventRow } from '@/lib/models/types';

/** The newest events, one line each, big: the last 5 (the last 3 on a short screen). */
export function EventTicker({ events, limit = 5 }: { events: readonly EventRow[]; limit?: number }) {
  const shown = sortEventsNewestFirst(events).slice(0, limit);
  return (
    <section aria-label="Latest events" data-testid="event-ticker" className="min-w-0">
      <h2 className="text-sm font-semibold">Latest events</h2>
      {shown.length === 0 ? <p className="text-sm text-slate-600">No events yet.</p> : null}
      <ol aria-live="polite" className="mt-1 space-y-0.5">
        {shown.map((e, i) => (
          <li
            key={e.uid}
            data-testid="ticker-event"
            className={cn(
              'flex min-w-0 items-baseline gap-2 text-sm leading-snug',
              i >= 3 && '[@media(max-height:800px)]:hidden',
              e.type === 'Warning' ? 'text-red-800' : 'text-slate-900',
            )}
          >
            <RelativeTime
              iso={e.lastSeen ?? e.firstSeen ?? e.createdAt}
              suffix={false}
              className="w-12 shrink-0 text-right text-slate-600 tabular-nums"
            />
            <span className="shrink-0 font-semibold">{e.reason}</span>
            <span
              className="line-clamp-2 min-w-0 [@media(max-height:800px)]:line-clamp-1"
              title={`${e.involved.kind}/${e.involved.name}: ${e.message}`}
            >
              {e.message}
              {e.count > 1 ? ` (×${e.count})` : ''}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

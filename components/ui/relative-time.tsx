'use client';

import { useEffect, useState } from 'react';
import { useOffscreen } from './offscreen';
import { formatRelative } from './time';

// One shared 1 s ticker for every clock on the page: a pod table with fifty rows must not start
// a hundred intervals.
type Listener = (now: number) => void;
const listeners = new Set<Listener>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => {
    const now = Date.now();
    for (const l of listeners) l(now);
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/**
 * `formatRelative(iso, now)`, kept current by the shared ticker but re-rendering only when the text
 * changes: "3 m ago" renders once a minute, not sixty times (a repaint in every tab that shows it).
 * A fixed `now` stops the ticking; so does a block the browser skips drawing (./offscreen.ts),
 * until it comes near: then the text is corrected at once.
 */
export function useRelativeText(
  iso: string | null | undefined,
  suffix: boolean,
  fixed: number | undefined,
): string {
  const [now, setNow] = useState(() => fixed ?? Date.now());
  const offscreen = useOffscreen();
  const shown = formatRelative(iso, fixed ?? now, suffix);
  useEffect(() => {
    if (fixed !== undefined || offscreen) return;
    const check = (t: number) => {
      if (formatRelative(iso, t, suffix) !== shown) setNow(t);
    };
    // the first check corrects a text drawn with an old clock (a new `iso`, the server's render)
    check(Date.now());
    return subscribe(check);
  }, [iso, suffix, fixed, shown, offscreen]);
  return shown;
}

export interface RelativeTimeProps {
  /** ISO 8601 timestamp; null renders "—" */
  iso: string | null | undefined;
  /** epoch ms to measure from; omitted = live clock */
  now?: number;
  /** append " ago" (default); false gives an age like "3 m" */
  suffix?: boolean;
  className?: string;
}

/** "12 s ago", live. The exact time is in the tooltip and the datetime attribute. */
export function RelativeTime({ iso, now, suffix = true, className }: RelativeTimeProps) {
  const text = useRelativeText(iso, suffix, now);
  if (!iso) return <span className={className}>—</span>;
  return (
    <time
      dateTime={iso}
      title={new Date(iso).toLocaleString()}
      className={className ?? 'tabular-nums'}
      // the server renders with its own clock; the client corrects it on the next tick
      suppressHydrationWarning
    >
      {text}
    </time>
  );
}

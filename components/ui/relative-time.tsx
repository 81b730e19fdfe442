'use client';

import { useEffect, useState } from 'react';
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

/** The current time, re-rendering every second; a fixed `now` (tests, screenshots) stops the ticking. */
export function useNow(fixed?: number): number {
  const [now, setNow] = useState(() => fixed ?? Date.now());
  useEffect(() => {
    if (fixed !== undefined) return;
    return subscribe(setNow);
  }, [fixed]);
  return fixed ?? now;
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
  const current = useNow(now);
  if (!iso) return <span className={className}>—</span>;
  return (
    <time
      dateTime={iso}
      title={new Date(iso).toLocaleString()}
      className={className ?? 'tabular-nums'}
      // the server renders with its own clock; the client corrects it on the next tick
      suppressHydrationWarning
    >
      {formatRelative(iso, current, suffix)}
    </time>
  );
}

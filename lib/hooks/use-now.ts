'use client';
import { useEffect, useState } from 'react';

/** The time, refreshed every second while `ticking` (a countdown's clock); frozen otherwise. */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const t = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(t);
  }, [ticking]);
  return now;
}

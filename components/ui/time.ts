// Pure time formatting shared by RelativeTime and the charts, kept free of React so tests can import it.

/** Compact age like kubectl's AGE column, but with spaces so it reads aloud: "12 s", "3 m", "2 h", "5 d". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 90) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 90) return `${m} m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h`;
  return `${Math.floor(h / 24)} d`;
}

/** "12 s ago" from an ISO timestamp; "—" when unknown or unparseable. Future times read "0 s ago" (clock skew). */
export function formatRelative(iso: string | null | undefined, now: number, suffix = true): string {
  if (!iso) return '—';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '—';
  const text = formatDuration(now - then);
  return suffix ? `${text} ago` : text;
}

/** Two-digit clock parts in local time. */
function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An X-axis tick: "mm:ss" when the window is under an hour, else "HH:mm". */
export function formatClock(t: number, spanMs: number): string {
  const d = new Date(t);
  return spanMs < 3_600_000
    ? `${pad(d.getMinutes())}:${pad(d.getSeconds())}`
    : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Milliseconds between the first and the last row of a chart, to choose mm:ss or HH:mm ticks. */
export function spanMs(rows: readonly { t: number }[]): number {
  const first = rows[0];
  const last = rows[rows.length - 1];
  return first && last ? last.t - first.t : 0;
}

// One log line as Podium carries it: the kubelet's timestamp (`timestamps=true` puts an RFC 3339
// time with nanoseconds and a space before every line), then the text, cleaned of everything a
// terminal would interpret. Log text comes from any process in the cluster: it is data, shown as
// text and never as markup, and nothing in it may make the page fetch or execute anything.

/** Lines longer than this (in UTF-8 bytes) are cut, with a marker saying how much was left out. */
export const MAX_LINE_BYTES = 16 * 1024;

export type LogMarker =
  /** N lines were dropped by the per-container rate cap */
  | 'dropped'
  /** the container ended (exit code and reason in the text) */
  | 'exited'
  | 'deleted'
  /** waiting for the container to start, or the kubelet did not answer and Podium retries */
  | 'waiting'
  | 'retrying'
  /** the log stream reconnected (after the API server or kubelet closed it) */
  | 'resumed';

export interface LogLine {
  /** `${pod}/${container}` */
  lane: string;
  pod: string;
  container: string;
  /** the follower's instance (changes when the server restarts the lane): with seq, a line's identity */
  epoch: string;
  seq: number;
  /** sortable: 12 digits of epoch seconds, then 9 of nanoseconds (string order = time order) */
  key: string;
  /** epoch milliseconds, for display */
  ms: number;
  text: string;
  /** a line Podium wrote about the stream itself, not the container */
  marker?: LogMarker;
  /** bytes left out of a line longer than MAX_LINE_BYTES */
  cut?: number;
}

const TS = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d) /;

export interface Stamp {
  key: string;
  ms: number;
}

/** A key for an epoch time in milliseconds (markers Podium writes carry the time it wrote them). */
export function stampOf(ms: number): Stamp {
  const sec = Math.floor(ms / 1000);
  const nanos = (ms - sec * 1000) * 1_000_000;
  return { key: `${String(sec).padStart(12, '0')}${String(nanos).padStart(9, '0')}`, ms };
}

/**
 * Splits `2026-12-04T00:00:00.123456789Z text` into its stamp and text. A line without a valid
 * timestamp (it should not happen with timestamps=true) gets `fallbackMs` as its time.
 */
export function parseTimestamped(line: string, fallbackMs: number): { stamp: Stamp; text: string } {
  const m = TS.exec(line);
  if (!m) return { stamp: stampOf(fallbackMs), text: line };
  const sec = Date.parse(`${m[1]}${m[3]}`) / 1000;
  if (!Number.isFinite(sec)) return { stamp: stampOf(fallbackMs), text: line };
  const nanos = (m[2] ?? '').padEnd(9, '0');
  return {
    stamp: {
      key: `${String(sec).padStart(12, '0')}${nanos}`,
      ms: sec * 1000 + Math.floor(Number(nanos) / 1e6),
    },
    text: line.slice(m[0].length),
  };
}

/** The RFC 3339 time (second precision, what the API server's sinceTime keeps) of a stamp key. */
export function sinceTimeOf(key: string): string {
  return new Date(Number(key.slice(0, 12)) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), other two-byte escapes, and the 8-bit CSI.
const ANSI =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// every other C0/C1 control except tab; NUL and friends become one visible replacement character
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** Removes ANSI escape sequences (colours are not rendered) and makes other control characters visible. */
export function cleanText(text: string): string {
  return text.replace(/\r$/, '').replace(ANSI, '').replace(CONTROL, '\ufffd');
}

/** Podium's own line about a lane (dropped lines, an exit, a deletion), at time `ms`. */
export function markerLine(
  base: Pick<LogLine, 'lane' | 'pod' | 'container' | 'epoch' | 'seq'>,
  marker: LogMarker,
  text: string,
  ms: number,
): LogLine {
  const { key } = stampOf(ms);
  return { ...base, key, ms, text, marker };
}

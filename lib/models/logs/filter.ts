import type { LogLine } from './line';

// The panel's filter: plain text or a regular expression, case-insensitive unless asked. An invalid
// pattern is an error to show, never an exception; the pattern is bounded so a user cannot type a
// pathological one of any size.

export interface LogFilter {
  text: string;
  regex: boolean;
  caseSensitive: boolean;
}

export const MAX_FILTER_LENGTH = 200;

export type Matcher = { ok: true; test: (line: LogLine) => boolean } | { ok: false; error: string };

export function compileFilter(f: LogFilter): Matcher {
  if (f.text === '') return { ok: true, test: () => true };
  if (f.text.length > MAX_FILTER_LENGTH)
    return { ok: false, error: `at most ${MAX_FILTER_LENGTH} characters` };
  if (f.regex) {
    let re: RegExp;
    try {
      re = new RegExp(f.text, f.caseSensitive ? 'u' : 'iu');
    } catch (err) {
      return { ok: false, error: `not a regular expression: ${(err as Error).message}` };
    }
    return { ok: true, test: (l) => re.test(l.text) };
  }
  if (f.caseSensitive) return { ok: true, test: (l) => l.text.includes(f.text) };
  const needle = f.text.toLowerCase();
  return { ok: true, test: (l) => l.text.toLowerCase().includes(needle) };
}

/** The lines the filter keeps, and how many it hides. */
export function applyFilter(lines: LogLine[], m: Matcher): { shown: LogLine[]; hidden: number } {
  if (!m.ok) return { shown: lines, hidden: 0 };
  const shown = lines.filter((l) => l.marker !== undefined || m.test(l));
  return { shown, hidden: lines.length - shown.length };
}

/** Lines as a text file: time, pod/container, text (what "Download" saves). */
export function linesAsText(lines: LogLine[]): string {
  return lines
    .map((l) => `${new Date(l.ms).toISOString()} ${l.lane} ${l.marker ? `[${l.text}]` : l.text}\n`)
    .join('');
}

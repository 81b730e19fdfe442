// A line that is one JSON object (the demo app, most structured loggers) shown as its time, its
// level or event, its message and the other fields as chips. Only a line that parses as a plain
// object counts; anything else stays plain text. Values are turned into short strings here, so the
// view renders text and nothing else.

export interface JsonLine {
  time: string | null;
  level: string | null;
  event: string | null;
  message: string | null;
  fields: [string, string][];
}

const TIME_KEYS = ['time', 'ts', 'timestamp', '@timestamp', 't'];
const LEVEL_KEYS = ['level', 'lvl', 'severity', 'loglevel'];
const EVENT_KEYS = ['event', 'evt'];
const MESSAGE_KEYS = ['msg', 'message'];
/** Chips past this many are summed up as "+N"; values past MAX_VALUE characters are cut. */
export const MAX_FIELDS = 24;
const MAX_VALUE = 200;

function pick(obj: Record<string, unknown>, keys: string[], used: Set<string>): string | null {
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined || v === null || typeof v === 'object') continue;
    used.add(k);
    return short(v);
  }
  return null;
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE)}…` : s;
}

/** The structured view of a line, or null when it is not a JSON object. */
export function parseJsonLine(text: string): JsonLine | null {
  const t = text.trim();
  if (t.length < 2 || t[0] !== '{' || t[t.length - 1] !== '}') return null;
  let obj: unknown;
  try {
    obj = JSON.parse(t);
  } catch {
    return null;
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return null;
  const o = obj as Record<string, unknown>;
  const used = new Set<string>();
  const time = pick(o, TIME_KEYS, used);
  const level = pick(o, LEVEL_KEYS, used);
  const event = pick(o, EVENT_KEYS, used);
  const message = pick(o, MESSAGE_KEYS, used);
  const fields: [string, string][] = [];
  for (const [k, v] of Object.entries(o)) {
    if (used.has(k)) continue;
    fields.push([short(k), short(v)]);
  }
  return { time, level, event, message, fields };
}

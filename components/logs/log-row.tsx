'use client';
import { useState } from 'react';
import { cn } from '@/components/ui/cn';
import { parseJsonLine } from '@/lib/models/logs/json-line';
import type { LogLine } from '@/lib/models/logs/line';

// One log line, always rendered as text (React escapes it): a timestamp, the pod (coloured per pod)
// and container, the pod's revision/version, then the line; a JSON object line as its level or
// event, message and field chips, with the raw line one click away. Podium's own lines (dropped,
// exited, deleted) stand out in italics.

const POD_COLOURS = [
  'text-sky-700 dark:text-sky-300',
  'text-emerald-700 dark:text-emerald-300',
  'text-violet-700 dark:text-violet-300',
  'text-amber-700 dark:text-amber-300',
  'text-rose-700 dark:text-rose-300',
  'text-teal-700 dark:text-teal-300',
  'text-fuchsia-700 dark:text-fuchsia-300',
  'text-lime-700 dark:text-lime-300',
];

/** The colour of the n-th pod seen (so two pods side by side never share one, up to eight). */
export function podColour(n: number): string {
  return POD_COLOURS[n % POD_COLOURS.length]!;
}

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

export interface LogRowProps {
  line: LogLine;
  /** e.g. "rev 3 · 1.1.0": the pod's ReplicaSet */
  version: string | null;
  /** the pod's colour class */
  colour: string;
  showContainer: boolean;
}

export function LogRow({ line, version, colour, showContainer }: LogRowProps) {
  const [raw, setRaw] = useState(false);
  const json = line.marker ? null : parseJsonLine(line.text);
  return (
    <div
      data-testid="log-line"
      data-pod={line.pod}
      data-marker={line.marker ?? undefined}
      className="flex gap-2 px-2 py-0.5 font-mono text-xs leading-5 hover:bg-slate-50 dark:hover:bg-slate-800/60"
    >
      <span className="shrink-0 text-slate-400 tabular-nums">{clock(line.ms)}</span>
      <span className={cn('shrink-0 font-semibold', colour)} title={line.lane}>
        {line.pod}
        {showContainer && <span className="font-normal text-slate-500">/{line.container}</span>}
      </span>
      {version && <span className="shrink-0 text-slate-400">{version}</span>}
      <span className="min-w-0 flex-1 break-all whitespace-pre-wrap">
        {line.marker ? (
          <span data-testid="log-marker" className="text-amber-700 italic dark:text-amber-300">
            — {line.text} —
          </span>
        ) : json && !raw ? (
          <JsonView json={json} onRaw={() => setRaw(true)} />
        ) : (
          <>
            <span data-testid="log-text">{line.text}</span>
            {json && (
              <button
                type="button"
                className="ml-2 text-indigo-600 hover:underline"
                onClick={() => setRaw(false)}
              >
                fields
              </button>
            )}
          </>
        )}
        {line.cut ? (
          <span className="ml-1 rounded bg-slate-200 px-1 text-slate-600 dark:bg-slate-700 dark:text-slate-300">
            … {line.cut.toLocaleString('en-US')} bytes cut
          </span>
        ) : null}
      </span>
    </div>
  );
}

function JsonView({
  json,
  onRaw,
}: {
  json: NonNullable<ReturnType<typeof parseJsonLine>>;
  onRaw: () => void;
}) {
  const label = json.level ?? json.event;
  return (
    <span data-testid="log-json" className="inline-flex flex-wrap items-baseline gap-1">
      {label && (
        <span
          className={cn(
            'rounded px-1 font-semibold',
            /err|fatal|crash|seppuku/i.test(label)
              ? 'bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-200'
              : /warn|signal|shutdown|exit/i.test(label)
                ? 'bg-amber-100 text-amber-800 dark:bg-amber-900/50 dark:text-amber-200'
                : 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
          )}
        >
          {label}
        </span>
      )}
      {json.level && json.event && <span className="font-semibold">{json.event}</span>}
      {json.message && <span>{json.message}</span>}
      {json.fields.slice(0, 24).map(([k, v]) => (
        <span
          key={k}
          className="rounded bg-slate-100 px-1 text-slate-600 dark:bg-slate-800 dark:text-slate-300"
        >
          <span className="text-slate-400">{k}=</span>
          {v}
        </span>
      ))}
      {json.fields.length > 24 && <span className="text-slate-400">+{json.fields.length - 24}</span>}
      <button type="button" className="text-indigo-600 hover:underline" onClick={onRaw} data-testid="log-raw">
        raw
      </button>
    </span>
  );
}

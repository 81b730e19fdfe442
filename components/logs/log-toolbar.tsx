'use client';
import { Button } from '@/components/ui/button';
import type { LogFilter } from '@/lib/models/logs/filter';
import { RANGES, type LogWindow } from './log-source';

// The Logs panel's controls: which container, how far back, pause and follow, the filter (text or
// regex, case option, how many lines it hides), and Download.

export interface LogToolbarProps {
  containers: string[];
  win: LogWindow;
  onWin: (w: LogWindow) => void;
  live: boolean;
  paused: boolean;
  onPause: (paused: boolean) => void;
  follow: boolean;
  onFollow: (f: boolean) => void;
  filter: LogFilter;
  onFilter: (f: LogFilter) => void;
  filterError: string | null;
  hidden: number;
  onDownload: () => void;
}

interface ChoiceProps {
  label: string;
  testId: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}

function Choice({ label, testId, value, options, onChange }: ChoiceProps) {
  return (
    <select
      aria-label={label}
      data-testid={testId}
      className="h-7 rounded-md border border-slate-300 bg-white px-1 text-xs dark:border-slate-600 dark:bg-slate-800"
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function LogToolbar(p: LogToolbarProps) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs">
      {p.live && (
        <>
          <Choice
            label="container"
            testId="logs-container"
            value={p.win.container}
            options={[
              { value: '', label: 'all containers' },
              ...p.containers.map((c) => ({ value: c, label: c })),
            ]}
            onChange={(container) => p.onWin({ ...p.win, container })}
          />
          <Choice
            label="how far back"
            testId="logs-range"
            value={p.win.range}
            options={RANGES}
            onChange={(range) => p.onWin({ ...p.win, range })}
          />
          <Button size="sm" data-testid="logs-pause" onClick={() => p.onPause(!p.paused)}>
            {p.paused ? 'Resume' : 'Pause'}
          </Button>
          <label className="inline-flex items-center gap-1">
            <input
              type="checkbox"
              data-testid="logs-follow"
              checked={p.follow}
              onChange={(e) => p.onFollow(e.target.checked)}
            />
            follow
          </label>
        </>
      )}
      <input
        type="search"
        aria-label="filter lines"
        data-testid="logs-filter"
        placeholder="filter"
        className="h-7 w-48 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-600 dark:bg-slate-800"
        value={p.filter.text}
        maxLength={200}
        onChange={(e) => p.onFilter({ ...p.filter, text: e.target.value })}
      />
      <label className="inline-flex items-center gap-1">
        <input
          type="checkbox"
          checked={p.filter.regex}
          onChange={(e) => p.onFilter({ ...p.filter, regex: e.target.checked })}
        />
        regex
      </label>
      <label className="inline-flex items-center gap-1">
        <input
          type="checkbox"
          checked={p.filter.caseSensitive}
          onChange={(e) => p.onFilter({ ...p.filter, caseSensitive: e.target.checked })}
        />
        match case
      </label>
      {p.filterError && <span className="text-red-600">{p.filterError}</span>}
      {p.hidden > 0 && (
        <span data-testid="logs-hidden" className="text-slate-500">
          {p.hidden.toLocaleString('en-US')} hidden
        </span>
      )}
      <Button size="sm" variant="ghost" data-testid="logs-download" onClick={p.onDownload}>
        Download
      </Button>
    </div>
  );
}

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

const select =
  'h-7 rounded-md border border-slate-300 bg-white px-1 text-xs dark:border-slate-600 dark:bg-slate-800';

export function LogToolbar(p: LogToolbarProps) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs">
      {p.live && (
        <>
          <select
            aria-label="container"
            data-testid="logs-container"
            className={select}
            value={p.win.container}
            onChange={(e) => p.onWin({ ...p.win, container: e.target.value })}
          >
            <option value="">all containers</option>
            {p.containers.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <select
            aria-label="how far back"
            data-testid="logs-range"
            className={select}
            value={p.win.range}
            onChange={(e) => p.onWin({ ...p.win, range: e.target.value })}
          >
            {RANGES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
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

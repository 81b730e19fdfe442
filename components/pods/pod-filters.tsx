'use client';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import {
  DEFAULT_POD_QUERY,
  isFiltered,
  POD_SORTS,
  type PodFacets,
  type PodQuery,
} from '@/lib/models/pod-view';

export interface PodFiltersProps {
  query: PodQuery;
  onChange: (patch: Partial<PodQuery>) => void;
  facets: PodFacets;
  /** pods shown after the filters, and in all */
  shown: number;
  total: number;
}

const SELECT =
  'h-8 rounded-md border border-slate-300 bg-white px-2 text-sm dark:border-slate-600 dark:bg-slate-900';
const n = (x: number) => x.toLocaleString('en-US');

/** Phase, readiness, node and text filters and the sort: all in the URL, so a view is a link. */
export function PodFilters({ query, onChange, facets, shown, total }: PodFiltersProps) {
  // the text box answers every key at once; the URL (and 10,000 rows) follow a moment later
  const [text, setText] = useState(query.text);
  const [urlText, setUrlText] = useState(query.text);
  if (query.text !== urlText) {
    // the URL changed under the box (back, a shared link, "Clear filters"): the box follows
    setUrlText(query.text);
    setText(query.text);
  }
  useEffect(() => {
    if (text === query.text) return;
    const t = setTimeout(() => onChange({ text }), 250);
    return () => clearTimeout(t);
  }, [text, query.text, onChange]);

  return (
    <div data-testid="pod-filters" className="flex flex-wrap items-center gap-2 text-sm">
      <input
        type="search"
        aria-label="Filter pods by name, status, node or IP"
        placeholder="Filter pods…"
        value={text}
        onChange={(e) => setText(e.target.value)}
        className={cn(SELECT, 'w-44')}
      />
      <select
        aria-label="Phase"
        value={query.phase ?? ''}
        onChange={(e) => onChange({ phase: e.target.value || null })}
        className={SELECT}
      >
        <option value="">Any phase</option>
        {facets.phases.map(([phase, count]) => (
          <option key={phase} value={phase}>
            {phase} ({n(count)})
          </option>
        ))}
      </select>
      <select
        aria-label="Readiness"
        value={query.ready ?? ''}
        onChange={(e) => onChange({ ready: (e.target.value || null) as PodQuery['ready'] })}
        className={SELECT}
      >
        <option value="">Ready or not</option>
        <option value="ready">Ready</option>
        <option value="not-ready">Not ready</option>
      </select>
      <select
        aria-label="Node"
        value={query.node ?? '*'}
        onChange={(e) => onChange({ node: e.target.value === '*' ? null : e.target.value })}
        className={cn(SELECT, 'max-w-48')}
      >
        <option value="*">Any node</option>
        {facets.nodes.map(([node, count]) => (
          <option key={node} value={node}>
            {node || 'not scheduled'} ({n(count)})
          </option>
        ))}
      </select>
      <label className="flex items-center gap-1 text-slate-600 dark:text-slate-400">
        Sort
        <select
          aria-label="Sort by"
          value={query.sort}
          onChange={(e) => onChange({ sort: e.target.value as PodQuery['sort'] })}
          className={SELECT}
        >
          {POD_SORTS.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <Button
        size="sm"
        variant="ghost"
        aria-label={query.desc ? 'Descending; sort ascending' : 'Ascending; sort descending'}
        onClick={() => onChange({ desc: !query.desc })}
      >
        {query.desc ? '↓' : '↑'}
      </Button>
      {isFiltered(query) ? (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => onChange({ ...DEFAULT_POD_QUERY, sort: query.sort, desc: query.desc })}
        >
          Clear filters
        </Button>
      ) : null}
      <span data-testid="pod-count" className="ml-auto text-slate-500 tabular-nums dark:text-slate-400">
        {shown === total ? `${n(total)} pods` : `${n(shown)} of ${n(total)} pods`}
      </span>
    </div>
  );
}

'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { TONE_SOLID, cn } from '@/components/ui/cn';
import { SplitBar } from '@/components/ui/progress';
import { POD_LOOKS, PodListCounter, toRows, type PodGroup, type PodLook } from '@/lib/models/pod-view';
import type { PodCounts } from '@/lib/models/types';
import type { RenderTile } from './pod-grid';
import { LOOK_TONE } from './pod-view';

const LOOK_WORD: Record<PodLook, string> = {
  ready: 'ready',
  starting: 'starting',
  failing: 'failing',
  terminating: 'terminating',
  done: 'completed',
};
const n = (x: number) => x.toLocaleString('en-US');

export interface PodGroupBlockProps {
  group: PodGroup;
  title: string;
  badge: ReactNode;
  open: boolean;
  onToggle: () => void;
  renderTile: RenderTile;
}

/**
 * A ReplicaSet's (or a node's) pods as one block: a bar of their colours, the counts by look and
 * phase, readiness and restarts; open, its tiles in a box that renders only the rows in view.
 */
export function PodGroupBlock({ group, title, badge, open, onToggle, renderTile }: PodGroupBlockProps) {
  // counted afresh only when pods come or go; under churn, only the pods that changed
  const [counter] = useState(() => new PodListCounter());
  const counts = useMemo(() => counter.count(group.pods), [counter, group.pods]);
  const images = group.replicaSet?.images ?? [];
  return (
    <section
      data-testid="pod-group"
      data-group={group.key}
      data-total={counts.total}
      data-ready={counts.ready}
      aria-label={`${title}: ${counts.total} pods, ${counts.ready} ready`}
      className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {badge}
        <h3 className="font-mono text-sm font-semibold">{title}</h3>
        {images.map((image) => (
          <code key={image} className="truncate text-xs text-slate-600 dark:text-slate-400">
            {image}
          </code>
        ))}
        <span className="ml-auto tabular-nums">
          <strong>{n(counts.ready)}</strong> ready of {n(counts.total)}
        </span>
        <Button size="sm" aria-expanded={open} onClick={onToggle}>
          {open ? 'Hide pods' : `Show ${n(counts.total)} pods`}
        </Button>
      </div>
      <SplitBar
        className="mt-2"
        label={`${title}: ${describe(counts)}`}
        segments={POD_LOOKS.filter((l) => counts.byLook[l] > 0).map((l) => ({
          key: l,
          label: LOOK_WORD[l],
          share: counts.byLook[l] / Math.max(1, counts.total),
          className: TONE_SOLID[LOOK_TONE[l]],
        }))}
      />
      <dl className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 tabular-nums dark:text-slate-400">
        {POD_LOOKS.filter((l) => counts.byLook[l] > 0).map((l) => (
          <div key={l} className="flex items-center gap-1">
            <span aria-hidden="true" className={cn('size-2 rounded-full', TONE_SOLID[LOOK_TONE[l]])} />
            <dt>{LOOK_WORD[l]}</dt>
            <dd className="font-medium text-slate-900 dark:text-slate-100">{n(counts.byLook[l])}</dd>
          </div>
        ))}
        <div className="flex gap-1">
          <dt>phases</dt>
          <dd>
            {Object.entries(counts.byPhase)
              .map(([phase, c]) => `${phase} ${n(c)}`)
              .join(' · ')}
          </dd>
        </div>
        <div className="flex gap-1">
          <dt>restarts</dt>
          <dd className={cn(counts.restarts > 0 && 'font-semibold text-red-700 dark:text-red-400')}>
            {n(counts.restarts)}
            {counts.restarted > 0 ? ` in ${n(counts.restarted)} pod${counts.restarted === 1 ? '' : 's'}` : ''}
          </dd>
        </div>
      </dl>
      {open ? <VirtualTiles pods={group.pods} renderTile={renderTile} /> : null}
    </section>
  );
}

function describe(counts: PodCounts): string {
  return POD_LOOKS.filter((l) => counts.byLook[l] > 0)
    .map((l) => `${n(counts.byLook[l])} ${LOOK_WORD[l]}`)
    .join(', ');
}

/** Tiles' smallest width and the gap, as the small grid's `minmax(8.5rem,1fr)` and `gap-2`. */
const TILE_MIN_PX = 136;
const GAP_PX = 8;
/** A tile row: a fixed 5rem tile and the gap. */
const ROW_PX = 88;

/** The tiles in rows as wide as the box; only the rows in view (and a few around) are rendered. */
function VirtualTiles({ pods, renderTile }: { pods: PodGroup['pods']; renderTile: RenderTile }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const columns = Math.max(1, Math.floor((width + GAP_PX) / (TILE_MIN_PX + GAP_PX)));
  const rows = useMemo(() => toRows(pods, columns), [pods, columns]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    overscan: 3,
  });
  return (
    <div ref={scroller} data-testid="pod-tiles-scroll" className="mt-3 max-h-[28rem] overflow-auto pr-1">
      <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <ul
            key={item.key}
            className="absolute top-0 left-0 grid w-full gap-2"
            style={{
              transform: `translateY(${item.start}px)`,
              gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
            }}
          >
            {rows[item.index]?.map((pod) => (
              <li key={pod.uid}>{renderTile(pod, 'h-20 overflow-hidden')}</li>
            ))}
          </ul>
        ))}
      </div>
    </div>
  );
}

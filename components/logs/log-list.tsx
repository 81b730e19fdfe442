'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { LogLine } from '@/lib/models/logs/line';
import { LogRow, podColour } from './log-row';

// The lines, virtualised: only what is in view is in the DOM, whatever the number kept. With
// `follow` on, the view stays at the newest line.

export interface LogListProps {
  lines: LogLine[];
  follow: boolean;
  versionOf: (line: LogLine) => string | null;
  showContainer: boolean;
  empty: string;
}

export function LogList({ lines, follow, versionOf, showContainer, empty }: LogListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // colours by order of first appearance, kept for the life of the list
  const colours = useRef(new Map<string, string>());
  const colourOf = (pod: string) => {
    let c = colours.current.get(pod);
    if (!c) colours.current.set(pod, (c = podColour(colours.current.size)));
    return c;
  };
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 22,
    getItemKey: (i) => {
      const l = lines[i];
      return l ? `${l.lane}/${l.epoch}/${l.seq}` : i;
    },
    overscan: 12,
  });
  useEffect(() => {
    if (follow && lines.length > 0) virtualizer.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [follow, lines, virtualizer]);

  return (
    <div
      ref={scroller}
      data-testid="log-list"
      className="h-[28rem] overflow-auto rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950"
    >
      {lines.length === 0 ? (
        <p className="p-4 text-sm text-slate-500">{empty}</p>
      ) : (
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const line = lines[item.index]!;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  width: '100%',
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <LogRow
                  line={line}
                  version={versionOf(line)}
                  colour={colourOf(line.pod)}
                  showContainer={showContainer}
                />
              </div>
            );
          })}
        </div>
      )}
    </div>
  );
}

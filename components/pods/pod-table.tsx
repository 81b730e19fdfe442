'use client';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef, type ReactNode } from 'react';
import { RelativeTime } from '@/components/ui/relative-time';
import { EmptyRow, HeaderRow, TableBody, Td, Tr, type Column } from '@/components/ui/table';
import { cn } from '@/components/ui/cn';
import { formatBytes, formatCpu } from '@/lib/models/quantity';
import { describeRestart, restartCause, type RestartCause } from '@/lib/models/restart-cause';
import { samePropsBy } from '@/lib/models/same-items';
import type { EventRow, PodRow, PodUsage } from '@/lib/models/types';
import { PodStatusBadge } from './pod-status-badge';
import { podLook, sortPods } from './pod-view';

export interface PodTableProps {
  pods: readonly PodRow[];
  /** the pods are in the order to show (filtered and sorted by the page); else oldest first */
  sorted?: boolean;
  /** metrics by pod name */
  usage?: Record<string, PodUsage>;
  /** highlights the row of this pod */
  selected?: string;
  /** an extra last column, e.g. the probe-failure buttons */
  renderActions?: (pod: PodRow) => ReactNode;
  /** shown under the pod's name (the deployment page's links to its logs) */
  renderUnderName?: (pod: PodRow) => ReactNode;
  /** a fixed clock for tests */
  now?: number;
  /** the pods' events: the kubelet's Killing and Unhealthy events tell why a pod restarted */
  events?: readonly EventRow[];
}

const NO_EVENTS: readonly EventRow[] = [];

const R = 'right' as const;
const POD_COLUMNS: Column[] = [
  'Name',
  'Status',
  { label: 'Ready', align: R },
  { label: 'Restarts', align: R },
  'Last restart',
  // one column for both, the IP under the node: the table fits a 1280 px laptop
  'Node / IP',
  { label: 'Age', align: R },
  { label: 'CPU', align: R },
  { label: 'Memory', align: R },
];

/** From this many rows on, only the rows in view (and a few around) are in the page. */
export const VIRTUAL_FROM = 100;
/** A row's height before it is measured: one line of text, or two with a request under the usage. */
const ROW_PX = 53;

/**
 * `kubectl get pods -o wide` plus the last termination and live usage, oldest pod first. Past
 * VIRTUAL_FROM rows it scrolls inside its own box and renders only the rows in view
 * (@tanstack/react-virtual, with spacer rows above and below, so it stays a real table).
 */
export function PodTable({
  pods,
  sorted = false,
  usage,
  selected,
  renderActions,
  renderUnderName,
  now,
  events = NO_EVENTS,
}: PodTableProps) {
  const rows = sorted ? pods : sortPods(pods);
  const columns = POD_COLUMNS.length + (renderActions ? 1 : 0);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = rows.length > VIRTUAL_FROM;
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    getItemKey: (i) => rows[i]?.uid ?? i,
    overscan: 8,
  });
  const items = virtual ? virtualizer.getVirtualItems() : null;
  const before = items?.[0]?.start ?? 0;
  const after = items ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;
  const shown = items
    ? items.map((i) => ({ index: i.index, pod: rows[i.index]! }))
    : rows.map((pod, index) => ({ index, pod }));

  return (
    <div
      ref={scroller}
      data-testid="pod-table-scroll"
      className={cn(
        'w-full overflow-auto rounded-lg border border-slate-200 dark:border-slate-800',
        virtual && 'max-h-[36rem]',
      )}
    >
      <table
        data-testid="pod-table"
        aria-label="Pods"
        aria-rowcount={rows.length + 1}
        className="w-full border-collapse text-left text-sm tabular-nums [&_thead]:sticky [&_thead]:top-0 [&_thead]:z-10"
      >
        <HeaderRow columns={POD_COLUMNS} actions={Boolean(renderActions)} />
        <TableBody>
          {rows.length === 0 ? <EmptyRow colSpan={columns}>No pods.</EmptyRow> : null}
          {before > 0 ? <Spacer height={before} colSpan={columns} /> : null}
          {shown.map(({ index, pod }) => (
            <PodTableRow
              key={pod.uid}
              pod={pod}
              index={index}
              usage={usage?.[pod.name]}
              selected={selected === pod.name}
              renderActions={renderActions}
              renderUnderName={renderUnderName}
              now={now}
              cause={restartCause(pod, events)}
              measure={virtual ? virtualizer.measureElement : undefined}
            />
          ))}
          {after > 0 ? <Spacer height={after} colSpan={columns} /> : null}
        </TableBody>
      </table>
    </div>
  );
}

function Spacer({ height, colSpan }: { height: number; colSpan: number }) {
  return (
    <tr aria-hidden="true">
      <td colSpan={colSpan} style={{ height, padding: 0 }} />
    </tr>
  );
}

interface PodTableRowProps {
  pod: PodRow;
  index: number;
  usage: PodUsage | undefined;
  selected: boolean;
  renderActions: PodTableProps['renderActions'];
  renderUnderName: PodTableProps['renderUnderName'];
  now: number | undefined;
  /** why it last restarted (restartCause), null when it never did */
  cause: RestartCause | null;
  measure: ((el: Element | null) => void) | undefined;
}

// A row re-renders when its pod, usage or restart cause changes, not for every change of the
// namespace (a new event, another pod): the cause is computed afresh and compared by its fields.
const PodTableRow = memo(function PodTableRow({
  pod,
  index,
  usage: u,
  selected,
  renderActions,
  renderUnderName,
  now,
  cause,
  measure,
}: PodTableRowProps) {
  return (
    <Tr
      ref={measure}
      data-index={index}
      aria-rowindex={index + 2}
      data-testid="pod-row"
      data-pod={pod.name}
      data-selected={selected || undefined}
      className={cn(
        podLook(pod) === 'terminating' && 'opacity-50',
        selected && 'bg-sky-50 dark:bg-sky-500/10',
      )}
    >
      <Td className="font-mono text-xs whitespace-nowrap">
        {pod.name}
        {renderUnderName ? <div className="-ml-2 font-sans">{renderUnderName(pod)}</div> : null}
      </Td>
      <Td>
        <PodStatusBadge status={pod.status} ready={pod.ready} deleting={pod.deleting} />
      </Td>
      <Td className="text-right whitespace-nowrap">
        {pod.readyContainers}/{pod.totalContainers}
      </Td>
      <Td className={cn('text-right', pod.restarts > 0 && 'font-semibold text-red-700 dark:text-red-400')}>
        {pod.restarts}
      </Td>
      <Td
        className="min-w-40 text-xs"
        data-testid="pod-last-termination"
        data-cause={cause?.kind}
        title={cause ? describeRestart(cause) : undefined}
      >
        {cause ? (
          <span className="flex flex-wrap gap-x-1.5">
            <span
              className={cn(
                'font-medium',
                cause.appFault || cause.kind === 'liveness' || cause.kind === 'startup'
                  ? 'text-red-700 dark:text-red-400'
                  : 'text-amber-800 dark:text-amber-300',
              )}
            >
              {cause.label}
            </span>
            {cause.detail ? <span>{cause.detail}</span> : null}
            {cause.exit ? <span className="text-slate-500 dark:text-slate-400">{cause.exit}</span> : null}
            <RelativeTime iso={cause.finishedAt} now={now} className="text-slate-500 dark:text-slate-400" />
            <span className="text-slate-500 dark:text-slate-400">({cause.container})</span>
          </span>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </Td>
      <Td className="text-xs whitespace-nowrap">
        {pod.node ?? <span className="text-slate-400">unscheduled</span>}
        <span className="block font-mono text-slate-500 dark:text-slate-400" data-testid="pod-ip">
          {pod.ip ?? '—'}
        </span>
      </Td>
      <Td className="text-right whitespace-nowrap">
        <RelativeTime iso={pod.createdAt} now={now} suffix={false} />
      </Td>
      <Td className="text-right whitespace-nowrap">
        {formatCpu(u?.cpuMilli)}
        <Request value={pod.requests.cpuMilli} format={formatCpu} />
      </Td>
      <Td className="text-right whitespace-nowrap">
        {formatBytes(u?.memoryBytes)}
        <Request value={pod.requests.memoryBytes} format={formatBytes} />
      </Td>
      {renderActions ? <Td className="whitespace-nowrap">{renderActions(pod)}</Td> : null}
    </Tr>
  );
}, samePropsBy<PodTableRowProps>('cause'));

/** The request under the usage, so "120m of 250m" reads at a glance. */
function Request({ value, format }: { value: number | null; format: (v: number) => string }) {
  if (value === null) return null;
  return <span className="block text-xs text-slate-500 dark:text-slate-400">of {format(value)} req</span>;
}

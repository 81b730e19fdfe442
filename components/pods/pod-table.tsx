import type { ReactNode } from 'react';
import { RelativeTime } from '@/components/ui/relative-time';
import { EmptyRow, HeaderRow, Table, TableBody, Td, Tr, type Column } from '@/components/ui/table';
import { cn } from '@/components/ui/cn';
import { formatBytes, formatCpu } from '@/lib/models/quantity';
import type { PodRow, PodUsage } from '@/lib/models/types';
import { PodStatusBadge } from './pod-status-badge';
import { podLook, sortPods } from './pod-view';

export interface PodTableProps {
  pods: PodRow[];
  /** metrics by pod name */
  usage?: Record<string, PodUsage>;
  /** highlights the row of this pod */
  selected?: string;
  /** an extra last column, e.g. the probe-failure buttons */
  renderActions?: (pod: PodRow) => ReactNode;
  /** a fixed clock for tests */
  now?: number;
}

const R = 'right' as const;
const POD_COLUMNS: Column[] = [
  'Name',
  'Status',
  { label: 'Ready', align: R },
  { label: 'Restarts', align: R },
  'Last termination',
  'Node',
  { label: 'Age', align: R },
  'IP',
  { label: 'CPU', align: R },
  { label: 'Memory', align: R },
];

/** `kubectl get pods -o wide` plus the last termination and live usage, oldest pod first. */
export function PodTable({ pods, usage, selected, renderActions, now }: PodTableProps) {
  const rows = sortPods(pods);
  const columns = POD_COLUMNS.length + (renderActions ? 1 : 0);
  return (
    <Table data-testid="pod-table" aria-label="Pods">
      <HeaderRow columns={POD_COLUMNS} actions={Boolean(renderActions)} />
      <TableBody>
        {rows.length === 0 ? <EmptyRow colSpan={columns}>No pods.</EmptyRow> : null}
        {rows.map((pod) => {
          const u = usage?.[pod.name];
          const t = pod.lastTermination;
          return (
            <Tr
              key={pod.uid}
              data-testid="pod-row"
              data-pod={pod.name}
              data-selected={selected === pod.name || undefined}
              className={cn(
                podLook(pod) === 'terminating' && 'opacity-50',
                selected === pod.name && 'bg-sky-50 dark:bg-sky-500/10',
              )}
            >
              <Td className="font-mono text-xs whitespace-nowrap">{pod.name}</Td>
              <Td>
                <PodStatusBadge status={pod.status} ready={pod.ready} deleting={pod.deleting} />
              </Td>
              <Td className="text-right whitespace-nowrap">
                {pod.readyContainers}/{pod.totalContainers}
              </Td>
              <Td
                className={cn(
                  'text-right',
                  pod.restarts > 0 && 'font-semibold text-red-700 dark:text-red-400',
                )}
              >
                {pod.restarts}
              </Td>
              <Td className="text-xs" data-testid="pod-last-termination">
                {t ? (
                  <span className="flex flex-wrap gap-x-1.5">
                    <span className="font-medium text-red-700 dark:text-red-400">
                      {t.reason ?? 'Terminated'}
                    </span>
                    {t.exitCode !== null ? <span>exit {t.exitCode}</span> : null}
                    <RelativeTime
                      iso={t.finishedAt}
                      now={now}
                      className="text-slate-500 dark:text-slate-400"
                    />
                    <span className="text-slate-500 dark:text-slate-400">({t.container})</span>
                  </span>
                ) : (
                  <span className="text-slate-400">—</span>
                )}
              </Td>
              <Td className="text-xs whitespace-nowrap">
                {pod.node ?? <span className="text-slate-400">unscheduled</span>}
              </Td>
              <Td className="text-right whitespace-nowrap">
                <RelativeTime iso={pod.createdAt} now={now} suffix={false} />
              </Td>
              <Td className="font-mono text-xs">{pod.ip ?? '—'}</Td>
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
        })}
      </TableBody>
    </Table>
  );
}

/** The request under the usage, so "120m of 250m" reads at a glance. */
function Request({ value, format }: { value: number | null; format: (v: number) => string }) {
  if (value === null) return null;
  return <span className="block text-xs text-slate-500 dark:text-slate-400">of {format(value)} req</span>;
}

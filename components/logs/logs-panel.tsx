'use client';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { usePermissions } from '@/lib/hooks/use-permissions';
import { useLogs, usePodLogs } from '@/lib/hooks/use-logs';
import { applyFilter, compileFilter, linesAsText, type LogFilter } from '@/lib/models/logs/filter';
import type { LogLine } from '@/lib/models/logs/line';
import type { DeploymentSummary, ReplicaSetSummary } from '@/lib/models/types';
import { LaneNotes } from './lane-notes';
import { LogList } from './log-list';
import { LogToolbar } from './log-toolbar';
import { logsUrl, type LogSource, type LogWindow } from './log-source';

// The Logs panel of a deployment page: every pod's lines merged in time order, live, through
// rollouts, crashes and shutdowns; one pod's; or one pod's previous container. Hidden when Podium's
// logs are off (PODIUM_LOGS=off); says so when its credentials may not read logs. Closed until the
// reader opens it (or asks for a pod's logs from its row): each open panel holds a connection of
// its tab (lib/hooks/use-logs.ts), and ten tabs of a deployment page must not take the browser's
// six connections to Podium, which the one live stream shares between them.

export interface LogsPanelProps {
  namespace: string;
  deployment: DeploymentSummary;
  replicaSets: ReplicaSetSummary[];
  source: LogSource;
  onSource: (s: LogSource) => void;
}

export function LogsPanel({ namespace, deployment, replicaSets, source, onSource }: LogsPanelProps) {
  const { logs } = usePermissions(namespace);
  const [win, setWin] = useState<LogWindow>({ container: '', range: 'tail:100' });
  const [frozen, setFrozen] = useState<LogLine[] | null>(null);
  const [follow, setFollow] = useState(true);
  const [filter, setFilter] = useState<LogFilter>({ text: '', regex: false, caseSensitive: false });
  const [opened, setOpened] = useState(false);
  const open = opened || source.kind !== 'deployment';
  const allowed = logs?.enabled !== false && logs?.allowed !== false;
  const url = allowed && open ? logsUrl(namespace, deployment.name, source, win) : null;
  const live = useLogs(source.kind !== 'previous' ? url : null);
  const previous = usePodLogs(source.kind === 'previous' ? url : null);

  const previousLines = previous.answer?.lines;
  const all = useMemo(
    () => (source.kind === 'previous' ? (previousLines ?? []) : (frozen ?? live.lines)),
    [source.kind, previousLines, frozen, live.lines],
  );
  const matcher = useMemo(() => compileFilter(filter), [filter]);
  const { shown, hidden } = useMemo(() => applyFilter(all, matcher), [all, matcher]);
  const versionOf = useMemo(() => {
    const owners = new Map(live.lanes.map((l) => [l.pod, l.owner]));
    const rs = new Map(replicaSets.map((r) => [r.name, r]));
    return (line: LogLine) => {
      const r = rs.get(owners.get(line.pod) ?? '');
      return r ? `rev ${r.revision ?? '?'}${r.version ? ` · ${r.version}` : ''}` : null;
    };
  }, [live.lanes, replicaSets]);

  if (logs?.enabled === false) return null;
  const download = () => {
    const blob = new Blob([linesAsText(shown)], { type: 'text/plain;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${deployment.name}-logs.txt`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const title =
    source.kind === 'deployment'
      ? 'Logs'
      : source.kind === 'pod'
        ? `Logs of ${source.pod}`
        : `Previous container of ${source.pod} (${source.container})`;
  const error = source.kind === 'previous' ? previous.error : live.error;

  return (
    <Card id="logs" data-testid="logs-panel" className="scroll-mt-20">
      <CardHeader
        title={title}
        description={
          source.kind === 'deployment'
            ? 'every pod of the deployment, merged in time order, live'
            : source.kind === 'pod'
              ? 'this pod only, live'
              : 'the container before its last restart'
        }
        actions={
          source.kind !== 'deployment' ? (
            <Button size="sm" data-testid="logs-all-pods" onClick={() => onSource({ kind: 'deployment' })}>
              All pods
            </Button>
          ) : (
            open && (
              <Button size="sm" data-testid="logs-close" onClick={() => setOpened(false)}>
                Close
              </Button>
            )
          )
        }
      />
      <CardBody className="space-y-2">
        {!open ? (
          <div className="flex items-center gap-3">
            <Button data-testid="logs-open" onClick={() => setOpened(true)}>
              Show logs
            </Button>
            <span className="text-sm text-slate-500 dark:text-slate-400">
              the last 100 lines of every pod, then live
            </span>
          </div>
        ) : !allowed ? (
          <p data-testid="logs-forbidden" className="text-sm text-amber-700 dark:text-amber-300">
            {logs?.reason || 'Podium may not read logs here'}
          </p>
        ) : (
          <>
            <LogToolbar
              containers={deployment.containers.map((c) => c.name)}
              win={win}
              onWin={setWin}
              live={source.kind !== 'previous'}
              paused={frozen !== null}
              onPause={(p) => setFrozen(p ? live.lines : null)}
              follow={follow}
              onFollow={setFollow}
              filter={filter}
              onFilter={setFilter}
              filterError={matcher.ok ? null : matcher.error}
              hidden={hidden}
              onDownload={download}
            />
            <LaneNotes
              lanes={source.kind === 'previous' ? [] : live.lanes}
              capped={live.capped}
              droppedOldest={live.droppedOldest}
              pausedBehind={frozen ? Math.max(0, live.lines.length - frozen.length) : 0}
              error={error}
              termination={source.kind === 'previous' ? (previous.answer?.termination ?? null) : null}
              keptByPodium={source.kind === 'previous' && previous.answer?.source === 'podium'}
            />
            <LogList
              lines={shown}
              follow={follow && frozen === null}
              versionOf={versionOf}
              showContainer={deployment.containers.length > 1}
              empty={
                error ? '' : source.kind === 'previous' && !previous.answer ? 'Loading…' : 'No lines yet.'
              }
            />
          </>
        )}
      </CardBody>
    </Card>
  );
}

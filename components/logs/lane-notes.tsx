'use client';
import type { LaneState, LogsMessages } from '@/lib/models/logs/wire';

// What the panel says about its stream: lanes that wait, retry or ended (and why), pods beyond the
// cap, lines dropped from the browser's list, lines waiting behind a pause, a refusal.

export interface LaneNotesProps {
  lanes: LaneState[];
  capped: LogsMessages['capped'] | null;
  droppedOldest: number;
  pausedBehind: number;
  error: string | null;
  termination: { exitCode: number | null; reason: string | null; finishedAt: string | null } | null;
  /** the previous container's lines come from Podium's own copy: the kubelet had removed it */
  keptByPodium?: boolean;
}

export function LaneNotes({
  lanes,
  capped,
  droppedOldest,
  pausedBehind,
  error,
  termination,
  keptByPodium = false,
}: LaneNotesProps) {
  const notable = lanes.filter((l) => l.status !== 'streaming');
  return (
    <div className="space-y-1 text-xs" data-testid="logs-notes">
      {error && (
        <p data-testid="logs-error" className="text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {termination && (
        <p data-testid="logs-termination" className="font-medium">
          ended with exit code {termination.exitCode ?? '?'}
          {termination.reason ? ` (${termination.reason})` : ''}
          {termination.finishedAt ? ` at ${new Date(termination.finishedAt).toLocaleTimeString()}` : ''}
        </p>
      )}
      {keptByPodium && (
        <p data-testid="logs-kept" className="text-amber-700 dark:text-amber-300">
          The kubelet had already removed this container and its log file: these are the last lines Podium
          kept while following it.
        </p>
      )}
      {capped && capped.notFollowed.length > 0 && (
        <p data-testid="logs-capped" className="text-amber-700 dark:text-amber-300">
          Following {capped.limit} containers at most: not followed{' '}
          {capped.notFollowed.slice(0, 10).join(', ')}
          {capped.notFollowed.length > 10 ? ` and ${capped.notFollowed.length - 10} more` : ''} (open a
          pod&apos;s own logs from its row).
        </p>
      )}
      {notable.length > 5 && (
        <p className="text-slate-500">
          {notable.length} of {lanes.length} containers are not streaming; the first five:
        </p>
      )}
      {notable.slice(0, 5).map((l) => (
        <p key={l.lane} data-testid="logs-lane" className="text-slate-500">
          {l.lane}: {l.status} — {l.message}
        </p>
      ))}
      {droppedOldest > 0 && (
        <p className="text-slate-500">
          The {droppedOldest.toLocaleString('en-US')} oldest lines were dropped (the panel keeps 5,000).
        </p>
      )}
      {pausedBehind > 0 && (
        <p data-testid="logs-paused" className="text-slate-500">
          Paused: {pausedBehind.toLocaleString('en-US')} new lines kept for when you resume.
        </p>
      )}
    </div>
  );
}

'use client';
import { Button } from '@/components/ui/button';
import type { PodRow } from '@/lib/models/types';
import type { LogSource } from './log-source';

/** Beside a pod's row: its live logs, and (after a restart) the previous container's, with how it ended. */
export function PodLogButtons({ pod, onOpen }: { pod: PodRow; onOpen: (s: LogSource) => void }) {
  const t = pod.lastTermination;
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Button
        size="sm"
        variant="ghost"
        data-testid="pod-logs"
        onClick={() => onOpen({ kind: 'pod', pod: pod.name })}
      >
        Logs
      </Button>
      {pod.restarts > 0 && t && (
        <Button
          size="sm"
          variant="ghost"
          data-testid="pod-previous-logs"
          title={`the log of the container before its last restart (exit ${t.exitCode ?? '?'}${t.reason ? `, ${t.reason}` : ''})`}
          aria-label={`Previous log: exit ${t.exitCode ?? '?'}${t.reason ? `, ${t.reason}` : ''}`}
          onClick={() => onOpen({ kind: 'previous', pod: pod.name, container: t.container })}
        >
          Previous log
        </Button>
      )}
    </span>
  );
}

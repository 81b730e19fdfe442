import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import type { PodRow } from '@/lib/models/types';
import { LOOK_TONE, podLook } from './pod-view';

export interface PodStatusBadgeProps {
  /** kubectl's STATUS word: Running, Pending, CrashLoopBackOff, Terminating, ... */
  status: string;
  /** with readiness, "Running" but not ready shows amber; without it, Running is green */
  ready?: boolean;
  deleting?: boolean;
  className?: string;
}

/** The pod's STATUS as kubectl prints it, in its colour. Running-but-not-ready says so. */
export function PodStatusBadge({ status, ready, deleting = false, className }: PodStatusBadgeProps) {
  const look = podLook({ status, ready: ready ?? status === 'Running', deleting });
  const text = status === 'Running' && ready === false ? 'Running (not ready)' : status;
  return (
    <Badge
      tone={LOOK_TONE[look]}
      dot
      data-testid="pod-status"
      data-status={status}
      className={cn(look === 'terminating' && 'opacity-60', className)}
    >
      {text}
    </Badge>
  );
}

/** Convenience for a whole row. */
export function PodRowStatusBadge({ pod }: { pod: Pick<PodRow, 'status' | 'ready' | 'deleting'> }) {
  return <PodStatusBadge status={pod.status} ready={pod.ready} deleting={pod.deleting} />;
}

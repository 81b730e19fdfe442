import type { LogLine } from './line';

// The previous container's log when the kubelet no longer has it. The kubelet keeps one dead
// container per container of a pod, but its garbage collection counts a container that is created
// and not yet running as dead too: when it runs in that moment of a restart, it keeps the new one
// and removes the one that just died, log file and all. `pods/log?previous=true` then still
// answers 200, its body the kubelet's error alone (it had already sent its headers):
// "unable to retrieve container logs for containerd://<id>". Podium recognises that answer, and
// when it was following the container it has the container's last lines in its own ring.

const GONE = /^unable to retrieve container logs for ([a-z0-9-]+:\/\/[0-9a-f]{12,})\s*$/;

/**
 * The container ID the kubelet says it could not find, when `body` (the whole answer, before any
 * timestamp parsing: the kubelet's error carries none) is that error alone; otherwise null.
 */
export function goneContainerId(body: string): string | null {
  if (body.length > 300) return null;
  return GONE.exec(body.trim())?.[1] ?? null;
}

/**
 * The lines of the container that ended last, from a follower's ring (oldest first): those after
 * the exit before it (or from the ring's start) up to its own exit marker, without the exit
 * markers. Null when the ring saw no exit, or saw the pod deleted.
 */
export function linesBeforeLastExit(ring: LogLine[]): LogLine[] | null {
  const markers = ring.map((l) => l.marker);
  const end = markers.lastIndexOf('exited');
  if (end < 0 || markers.lastIndexOf('deleted') > end) return null;
  const start = end > 0 ? markers.lastIndexOf('exited', end - 1) : -1;
  return ring.slice(start + 1, end);
}

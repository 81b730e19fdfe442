import 'server-only';
import type { LogLine } from '../../models/logs/line';
import { Follower, stats } from './follower';

// Every log follower of the process, by (namespace, pod, container): the one place that makes sure
// a container has a single upstream stream whatever the number of viewers.

const g = globalThis as typeof globalThis & { __podiumLogFollowers?: Map<string, Follower> };
const followers = (g.__podiumLogFollowers ??= new Map());

export function follower(namespace: string, pod: string, container: string): Follower {
  const key = `${namespace}/${pod}/${container}`;
  let f = followers.get(key);
  if (!f) {
    f = new Follower(namespace, pod, container, (gone) => {
      if (followers.get(key) === gone) followers.delete(key);
    });
    followers.set(key, f);
  }
  return f;
}

/** The lines a follower of this container keeps now (oldest first), or null when none follows it. */
export function keptLines(namespace: string, pod: string, container: string): LogLine[] | null {
  return followers.get(`${namespace}/${pod}/${container}`)?.recent() ?? null;
}

/** For tests and the bench: followers alive, upstream streams open now, and opened in all. */
export function logStats() {
  let viewers = 0;
  for (const f of followers.values()) viewers += f.viewerCount;
  return { ...stats, viewers, lanes: [...followers.keys()] };
}

/** Test hook: cut one container's upstream stream (it reconnects from its last timestamp). */
export function interruptLogs(namespace: string, pod: string, container: string): boolean {
  const f = followers.get(`${namespace}/${pod}/${container}`);
  f?.interrupt();
  return f !== undefined;
}

/** Stops every follower (end of a test file, process shutdown). */
export function stopAllLogs(): void {
  for (const f of [...followers.values()]) f.stop();
}

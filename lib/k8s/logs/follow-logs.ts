import 'server-only';
import type { LogLine } from '../../models/logs/line';
import { mergeLanes } from '../../models/logs/merge';
import { MAX_LANES, type LaneState, type LogsMessages } from '../../models/logs/wire';
import type { PodRow } from '../../models/types';
import { podFeed } from './pod-feed';
import { follower } from './registry';

// One viewer's logs: the lanes (pod × container) of the pods it selects (a Deployment's, or one
// pod), each attached to the process-wide follower of that container. Pods come and go with the
// watch hub's pods watch, so a rollout's new pods join by themselves and a deleted pod's lane ends
// with its "pod deleted" line. At most `limit` lanes: beyond it the viewer is told which pods are
// not followed.

export interface LogsOutput {
  send<E extends 'lines' | 'lanes' | 'capped'>(event: E, data: LogsMessages[E]): void;
}

export interface FollowOptions {
  /** one container's name; all when left out */
  container?: string;
  /** the last N lines of each lane at first (of the lines the server keeps) */
  tailLines?: number;
  /** only lines of the last N seconds at first */
  sinceSeconds?: number;
  limit?: number;
}

/** A gone pod's lane stays this long, so its last line ("pod deleted") reaches the viewer first. */
const GONE_GRACE_MS = 3_000;
const RECONCILE_MS = 100;

interface Attached {
  state: LaneState;
  detach: () => void;
}

export function recentLines(recent: LogLine[], o: FollowOptions, now = Date.now()): LogLine[] {
  let lines = recent;
  if (o.sinceSeconds !== undefined) {
    const from = now - o.sinceSeconds * 1000;
    lines = lines.filter((l) => l.ms >= from);
  }
  if (o.tailLines !== undefined) lines = lines.slice(Math.max(0, lines.length - o.tailLines));
  return lines;
}

export function followLogs(
  namespace: string,
  select: (pod: PodRow) => boolean,
  o: FollowOptions,
  out: LogsOutput,
): () => void {
  const limit = o.limit ?? MAX_LANES;
  const pods = new Map<string, PodRow>();
  const attached = new Map<string, Attached>();
  const timers = new Set<NodeJS.Timeout>();
  let notFollowed = '';
  let first = true;
  let closed = false;

  const sendLanes = () =>
    out.send(
      'lanes',
      [...attached.values()].map((a) => ({ ...a.state })),
    );

  const attach = (pod: PodRow, container: string, batch: LogLine[][]) => {
    const lane = `${pod.name}/${container}`;
    const f = follower(namespace, pod.name, container);
    const state: LaneState = {
      lane,
      pod: pod.name,
      container,
      owner: pod.owner,
      status: f.status,
      message: f.message,
    };
    const { recent, detach } = f.attach({
      lines: (lines) => out.send('lines', lines),
      state: (status, message) => {
        state.status = status;
        state.message = message;
        sendLanes();
      },
    });
    attached.set(lane, { state, detach });
    batch.push(recentLines(recent, o));
  };

  const reconcile = () => {
    if (closed) return;
    let changed = false;
    for (const [lane, a] of attached) {
      if (pods.has(a.state.pod) || a.state.status === 'ended') continue;
      // gone from the hub: let the follower's own "pod deleted" line through, then let go
      a.state.status = 'ended';
      const t = setTimeout(() => {
        timers.delete(t);
        if (attached.get(lane) !== a) return;
        a.detach();
        attached.delete(lane);
        sendLanes();
      }, GONE_GRACE_MS);
      timers.add(t);
    }
    const batch: LogLine[][] = [];
    const skipped: string[] = [];
    const ordered = [...pods.values()].sort(
      (a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name),
    );
    for (const pod of ordered) {
      const names = pod.containers.map((c) => c.name).filter((n) => !o.container || n === o.container);
      let missed = false;
      for (const c of names) {
        if (attached.has(`${pod.name}/${c}`)) continue;
        if (attached.size >= limit) {
          missed = true;
          continue;
        }
        attach(pod, c, batch);
        changed = true;
      }
      if (missed) skipped.push(pod.name);
    }
    if (first || batch.some((b) => b.length > 0)) out.send('lines', mergeLanes(batch));
    if (first || changed) sendLanes();
    const key = skipped.join(',');
    if (key !== notFollowed) {
      notFollowed = key;
      out.send('capped', { limit, notFollowed: skipped });
    }
    first = false;
  };

  // a rollout or a 10,000-pod churn changes many pods at once: reconcile once per burst
  let scheduled: NodeJS.Timeout | null = null;
  const soon = () => {
    if (first) return reconcile();
    scheduled ??= setTimeout(() => {
      scheduled = null;
      reconcile();
    }, RECONCILE_MS);
  };

  const unfeed = podFeed(namespace, (e) => {
    if (e.type === 'error') return;
    if (e.type === 'snapshot') {
      pods.clear();
      for (const p of e.pods) if (select(p)) pods.set(p.name, p);
    } else if (e.type === 'deleted' || !select(e.pod)) {
      if (!pods.delete(e.pod.name)) return;
    } else {
      const had = pods.has(e.pod.name);
      pods.set(e.pod.name, e.pod);
      if (had) return; // a known pod's change: its follower reads it itself
    }
    soon();
  });

  return () => {
    closed = true;
    unfeed();
    if (scheduled) clearTimeout(scheduled);
    for (const t of timers) clearTimeout(t);
    for (const a of attached.values()) a.detach();
    attached.clear();
  };
}

/** The pods of a Deployment: those of its ReplicaSets, named `<deployment>-<pod-template-hash>`. */
export function ofDeployment(name: string): (pod: PodRow) => boolean {
  return (pod) =>
    pod.owner !== null && pod.podTemplateHash !== null && pod.owner === `${name}-${pod.podTemplateHash}`;
}

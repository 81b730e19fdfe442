import 'server-only';
import { TRAFFIC_LIMITS, type TrafficKind, type TrafficMessage, type TrafficRun } from '../../models/traffic';

// Every traffic run of the server process, like the watch hub: at most one run per kind and Service,
// shared by every viewer; the stream's traffic channel fans its updates out. A namespace's viewers
// are the live streams open on it: when the last one has been gone for viewerGraceMs, its runs stop.
// Every run stops when the process does.

export interface RunHandle {
  /** the run as the stream's snapshot carries it: meta and the whole kept series */
  snapshot(): TrafficRun;
  running(): boolean;
  stop(reason: string): void;
  /** resolves when the run has ended and released its connections */
  done: Promise<void>;
}

export type TrafficListener = (msg: TrafficMessage) => void;

interface NamespaceRuns {
  listeners: Set<TrafficListener>;
  runs: Map<string, RunHandle>;
  graceTimer: NodeJS.Timeout | null;
}

const g = globalThis as typeof globalThis & {
  __podiumTraffic?: Map<string, NamespaceRuns>;
  __podiumTrafficExit?: boolean;
};
const spaces = (g.__podiumTraffic ??= new Map());

/** How long runs outlive their namespace's last viewer; shorter in tests. */
const graceMs = () => Number(process.env.PODIUM_TRAFFIC_GRACE_MS ?? TRAFFIC_LIMITS.viewerGraceMs);

const key = (kind: TrafficKind, service: string) => `${kind}/${service}`;

function space(ns: string): NamespaceRuns {
  let s = spaces.get(ns);
  if (!s) spaces.set(ns, (s = { listeners: new Set(), runs: new Map(), graceTimer: null }));
  return s;
}

/** A viewer of the namespace's traffic: a snapshot first, then every update. */
export function subscribeTraffic(ns: string, listener: TrafficListener): () => void {
  installExitHooks();
  const s = space(ns);
  if (s.graceTimer) clearTimeout(s.graceTimer);
  s.graceTimer = null;
  s.listeners.add(listener);
  listener({ type: 'snapshot', namespace: ns, runs: [...s.runs.values()].map((r) => r.snapshot()) });
  return () => {
    s.listeners.delete(listener);
    if (s.listeners.size > 0 || s.graceTimer) return;
    s.graceTimer = setTimeout(() => {
      s.graceTimer = null;
      if (s.listeners.size > 0) return;
      stopNamespace(ns, 'no one is watching any more');
      // and forget the finished runs, so an abandoned namespace holds no memory
      void Promise.allSettled([...s.runs.values()].map((h) => h.done)).then(() => {
        if (s.listeners.size === 0 && spaces.get(ns) === s) spaces.delete(ns);
      });
    }, graceMs());
    s.graceTimer.unref();
  };
}

export function viewerCount(ns: string): number {
  return spaces.get(ns)?.listeners.size ?? 0;
}

export function publish(ns: string, msg: TrafficMessage): void {
  for (const l of spaces.get(ns)?.listeners ?? []) {
    try {
      l(msg);
    } catch (err) {
      console.error(JSON.stringify({ msg: 'traffic listener failed', error: String(err) }));
    }
  }
}

export function currentRun(ns: string, kind: TrafficKind, service: string): RunHandle | null {
  return spaces.get(ns)?.runs.get(key(kind, service)) ?? null;
}

/**
 * Keeps `handle` as the namespace's run of this kind for this Service, unless one is running: then
 * that one is returned and `create` is not called (one loop per Service, shared by every viewer).
 */
export async function claimRun(
  ns: string,
  kind: TrafficKind,
  service: string,
  create: () => Promise<RunHandle>,
): Promise<{ handle: RunHandle; joined: boolean }> {
  installExitHooks();
  const s = space(ns);
  const existing = s.runs.get(key(kind, service));
  if (existing?.running()) return { handle: existing, joined: true };
  const pending = pendingClaims.get(`${ns}/${key(kind, service)}`);
  if (pending) return { handle: await pending, joined: true };
  const p = create();
  pendingClaims.set(`${ns}/${key(kind, service)}`, p);
  try {
    const handle = await p;
    s.runs.set(key(kind, service), handle);
    return { handle, joined: false };
  } finally {
    pendingClaims.delete(`${ns}/${key(kind, service)}`);
  }
}
const pendingClaims = new Map<string, Promise<RunHandle>>();

export function stopRun(ns: string, kind: TrafficKind, service: string, reason: string): RunHandle | null {
  const h = currentRun(ns, kind, service);
  if (h?.running()) h.stop(reason);
  return h;
}

export function stopNamespace(ns: string, reason: string): void {
  for (const h of spaces.get(ns)?.runs.values() ?? []) if (h.running()) h.stop(reason);
}

/** Stops every run (process exit, end of a test file); resolves when all have released their sockets. */
export async function stopAllTraffic(reason = 'Podium is stopping'): Promise<void> {
  const all = [...spaces.values()].flatMap((s) => [...s.runs.values()]);
  for (const h of all) if (h.running()) h.stop(reason);
  await Promise.allSettled(all.map((h) => h.done));
}

export function runningCount(): number {
  return [...spaces.values()].reduce((n, s) => n + [...s.runs.values()].filter((h) => h.running()).length, 0);
}

/**
 * Stop every run when the process is asked to stop. A SIGTERM/SIGINT listener would replace Node's
 * default (exit); so when ours is the only one, it re-raises the signal once the runs are stopped.
 */
function installExitHooks(): void {
  if (g.__podiumTrafficExit) return;
  g.__podiumTrafficExit = true;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void stopAllTraffic();
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
  process.once('exit', () => void stopAllTraffic());
}

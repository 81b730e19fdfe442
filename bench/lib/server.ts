// Podium for the benchmarks: its production build (built here when missing or older than the
// sources), `next start` on a loopback port with the debug runtime route on, and what the OS and
// the process say about it (RSS and CPU of the process tree from /proc; heap and event-loop delay
// from /api/debug/runtime, which answers only with PODIUM_DEBUG_RUNTIME=1).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../test/helpers/cluster';
import { startPodium, type Podium } from '../../test/helpers/podium';

const DIST = process.env.PODIUM_DIST_DIR || '.next';
export const distDir = () => join(ROOT, DIST);

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds Podium (`next build` into PODIUM_DIST_DIR or .next) unless an up-to-date build is there. */
export function ensureBuild(force: boolean): void {
  const id = join(distDir(), 'BUILD_ID');
  const sources = Math.max(
    ...['app', 'components', 'lib'].map((d) => newestSource(join(ROOT, d))),
    ...['next.config.js', 'package-lock.json', 'proxy.ts'].map((f) =>
      existsSync(join(ROOT, f)) ? statSync(join(ROOT, f)).mtimeMs : 0,
    ),
  );
  if (!force && existsSync(id) && statSync(id).mtimeMs > sources) return;
  console.log(`building Podium into ${DIST} (next build; minutes on a busy machine)…`);
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
}

export async function startBenchPodium(env: Record<string, string> = {}): Promise<Podium> {
  const podium = await startPodium({ PODIUM_DEBUG_RUNTIME: '1', NEXT_TELEMETRY_DISABLED: '1', ...env });
  // starts the event-loop histogram; a build older than the route (a past commit) just lacks it
  if (!(await runtimeStats(podium, true)))
    console.log('this build has no /api/debug/runtime: heap and event-loop delay are n/a');
  return podium;
}

function tree(pid: number): number[] {
  let kids: number[] = [];
  try {
    kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    // gone, or no children file on this kernel
  }
  return [pid, ...kids.flatMap(tree)];
}

export interface ProcStats {
  rssMb: number;
  /** user + system CPU seconds of the whole tree so far */
  cpuSeconds: number;
}

const USER_HZ = 100; // clock ticks a second in /proc/<pid>/stat, on Linux

/** User + system CPU seconds `pid` has used so far (throws when it is gone). */
export function cpuSecondsOf(pid: number | string): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' '); // the name may hold ') '
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / USER_HZ; // utime, stime
}

/** RSS and CPU time of `next start` and its children, as the kernel counts them. */
export function procStats(pid: number): ProcStats {
  let rssKb = 0;
  let cpuSeconds = 0;
  for (const p of tree(pid)) {
    try {
      rssKb += Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
      cpuSeconds += cpuSecondsOf(p);
    } catch {
      // exited meanwhile
    }
  }
  return { rssMb: Math.round(rssKb / 1024), cpuSeconds };
}

/** CPU of the tree over `ms`, in % of one core. */
export async function cpuPercent(pid: number, ms: number): Promise<number> {
  const a = procStats(pid).cpuSeconds;
  await new Promise((r) => setTimeout(r, ms));
  return Math.round(((procStats(pid).cpuSeconds - a) / (ms / 1000)) * 1000) / 10;
}

export interface RuntimeStats {
  rssBytes: number;
  heapUsedBytes: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number; samples: number };
  /** the live feeds (lib/k8s/feed.ts): messages serialized, and handed to streams; absent before them */
  feeds?: { feeds: number; sinks: number; serialized: number; delivered: number; snapshotsMade: number };
}

const NONE: RuntimeStats = {
  rssBytes: NaN,
  heapUsedBytes: NaN,
  eventLoopDelayMs: { p50: NaN, p99: NaN, max: NaN, samples: 0 },
};

/** The server process's own view (NaN where the build lacks the route); `reset` starts a new event-loop-delay window. */
export async function runtimeStats(podium: Podium, reset = false): Promise<RuntimeStats | null> {
  const res = await fetch(`${podium.url}/api/debug/runtime${reset ? '?reset=1' : ''}`);
  return res.ok ? ((await res.json()) as RuntimeStats) : null;
}

export const orNone = (r: RuntimeStats | null): RuntimeStats => r ?? NONE;

import 'server-only';
import { loadPoint, requestBudget } from '../../models/load-stats';
import { TRAFFIC_LIMITS, type LoadPoint, type LoadRun, type TrafficRun } from '../../models/traffic';
import { runBounded, type Clock } from './engine';
import { claimRun, publish, type RunHandle } from './runs';
import { endOf, runStart, stopSwitch } from './state';
import { createSender, resolveTarget } from './transport';

// The load generator (story 002): real HTTP through a Service, `concurrency` requests in flight,
// an optional rate, a duration, and a request budget, all enforced by the engine. One run per
// Service; a point per second (requests, errors, p50/p95/p99) goes to every viewer.

export interface LoadParams {
  namespace: string;
  service: string;
  port?: string;
  path: string;
  concurrency: number;
  rate: number | null;
  durationSeconds: number;
  /** default true: keep connections open, as a browser or `siege` would */
  keepAlive?: boolean;
  /** tests and the benchmark: the app on 127.0.0.1 instead of the Service */
  directBaseUrl?: string;
  clock?: Clock;
}

const POINT_MS = 1_000;
const KEEP_POINTS = TRAFFIC_LIMITS.load.durationSecondsMax + 10;

async function createLoad(p: LoadParams): Promise<RunHandle> {
  const port = p.directBaseUrl
    ? (p.port ?? 'http')
    : (await resolveTarget(p.namespace, p.service, p.port)).port;
  const { timeoutMs, requestsMax } = TRAFFIC_LIMITS.load;
  const sender = await createSender(
    { namespace: p.namespace, service: p.service, port, path: p.path },
    { connections: p.concurrency, timeoutMs, keepAlive: p.keepAlive ?? true, directBaseUrl: p.directBaseUrl },
  );
  const now = () => p.clock?.now() ?? Date.now();
  const startedAt = now();
  const maxRequests = requestBudget(p.rate, p.durationSeconds, requestsMax);
  const run: LoadRun = {
    ...runStart(p, { port, transport: sender.transport }, startedAt, p.durationSeconds),
    concurrency: p.concurrency,
    rate: p.rate,
    durationSeconds: p.durationSeconds,
    maxRequests,
    sent: 0,
    errors: 0,
    errorKinds: {},
    inFlight: 0,
    points: [],
    cpuMs: 0,
  };
  const cpuStart = process.cpuUsage();
  const cpuNow = () => {
    const u = process.cpuUsage(cpuStart);
    return Math.round((u.user + u.system) / 1000);
  };
  let second = { t: startedAt, latencies: [] as number[], errors: 0 };
  const meta = (points: LoadPoint[]): TrafficRun => ({ kind: 'load', ...run, points });
  const closeSecond = () => {
    const point = loadPoint(second.t, second.latencies, second.errors);
    second = { t: second.t + POINT_MS, latencies: [], errors: 0 };
    run.points.push(point);
    if (run.points.length > KEEP_POINTS) run.points.shift();
    run.cpuMs = cpuNow();
    publish(p.namespace, { type: 'update', run: meta([point]) });
  };
  const timer = setInterval(closeSecond, POINT_MS);
  timer.unref();
  const stopper = stopSwitch();

  const done = runBounded({
    bounds: { concurrency: p.concurrency, rate: p.rate, durationMs: p.durationSeconds * 1000, maxRequests },
    clock: p.clock,
    signal: stopper.signal,
    onState: (s) => (run.inFlight = s.inFlight),
    send: async (signal) => {
      run.sent++;
      const a = await sender.send(signal);
      if (signal.aborted && a.error === 'timeout') return;
      second.latencies.push(a.ms);
      if (!a.ok) {
        second.errors++;
        run.errors++;
        if (a.error) run.errorKinds[a.error] = (run.errorKinds[a.error] ?? 0) + 1;
        if (a.message) run.message = a.message;
      }
    },
  }).then(async ({ reason }) => {
    clearInterval(timer);
    if (second.latencies.length > 0 || second.errors > 0) closeSecond();
    const end = endOf(reason, stopper.reason(), { durationSeconds: p.durationSeconds, maxRequests });
    run.state = end.state;
    run.end = { at: now(), reason: end.text };
    run.inFlight = 0;
    run.cpuMs = cpuNow();
    publish(p.namespace, { type: 'update', run: meta([]) });
    await sender.close();
  });

  return {
    snapshot: () => meta([...run.points]),
    running: () => run.state === 'running',
    stop: stopper.stop,
    done,
  };
}

export async function startLoad(
  p: LoadParams,
): Promise<{ run: TrafficRun; joined: boolean; done: Promise<void> }> {
  const { handle, joined } = await claimRun(p.namespace, 'load', p.service, () => createLoad(p));
  return { run: handle.snapshot(), joined, done: handle.done };
}

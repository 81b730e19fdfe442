import 'server-only';
import { TRAFFIC_LIMITS, type ProbeRun, type ProbeSample, type TrafficRun } from '../../models/traffic';
import { answeredBy, trackSample, type OutageTracker } from '../../models/traffic-timeline';
import { readyPodNames } from '../../models/endpointslice';
import { runBounded, type Clock } from './engine';
import { claimRun, publish, type RunHandle } from './runs';
import { endOf, itemsOf, runStart, stopSwitch } from './state';
import { createSender, resolveTarget } from './transport';

// The availability probe (story 001): one GET through a Service every intervalMs while a rollout
// runs, each answer recorded with who gave it. One probe per Service, shared by every viewer;
// it ends by a stop, its time limit, or the last viewer leaving (lib/k8s/traffic/runs.ts).

export interface ProbeParams {
  namespace: string;
  service: string;
  port?: string;
  path: string;
  intervalMs: number;
  durationSeconds: number;
  /** tests only: the app on 127.0.0.1 instead of the Service */
  directBaseUrl?: string;
  clock?: Clock;
}

const FLUSH_MS = 250;

async function createProbe(p: ProbeParams): Promise<RunHandle> {
  const port = p.directBaseUrl
    ? (p.port ?? 'http')
    : (await resolveTarget(p.namespace, p.service, p.port)).port;
  const { timeoutMs, keepSamples } = TRAFFIC_LIMITS.probe;
  // in flight at once: enough for a hanging app to keep its schedule, no more
  const concurrency = Math.ceil(timeoutMs / p.intervalMs) + 1;
  const sender = await createSender(
    { namespace: p.namespace, service: p.service, port, path: p.path },
    // a new connection per request straight to a ClusterIP, or kube-proxy would pin us to one pod
    { connections: concurrency, timeoutMs, keepAlive: false, directBaseUrl: p.directBaseUrl },
  );
  let message: string | null = null;
  if (!p.directBaseUrl) {
    const slices = await itemsOf('endpointslices', p.namespace).catch(() => []);
    if (readyPodNames(slices, p.service).size === 0)
      message = `service ${p.service} has no ready endpoint right now: requests fail until a pod is ready`;
  }
  const owners = new Map<string, string | null>();
  const podOwner = (pod: string) => owners.get(pod) ?? null;
  let refreshedAt = 0;
  const refreshOwners = async () => {
    // a test's app on 127.0.0.1 has no cluster to ask; and at most one look-up every 2 s
    if (p.directBaseUrl || Date.now() - refreshedAt < 2_000) return;
    refreshedAt = Date.now();
    for (const pod of await itemsOf('pods', p.namespace).catch(() => [])) owners.set(pod.name, pod.owner);
  };
  await refreshOwners();

  const clock = p.clock;
  const now = () => clock?.now() ?? Date.now();
  const startedAt = now();
  const run: ProbeRun = {
    ...runStart(p, { port, transport: sender.transport }, startedAt, p.durationSeconds, message),
    intervalMs: p.intervalMs,
    sent: 0,
    failures: 0,
    longestOutageMs: 0,
    samples: [],
  };
  let tracker: OutageTracker = { failures: 0, longestOutageMs: 0, outageSince: null };
  let fresh: ProbeSample[] = [];
  const stopper = stopSwitch();

  const meta = (): TrafficRun => ({ kind: 'probe', ...run, samples: [] });
  const flush = () => {
    if (fresh.length === 0) return;
    publish(p.namespace, { type: 'update', run: { ...meta(), samples: fresh } as TrafficRun });
    fresh = [];
  };
  const timer = setInterval(flush, FLUSH_MS);
  timer.unref();

  const maxRequests = Math.ceil((p.durationSeconds * 1000) / p.intervalMs) + 1;
  const done = runBounded({
    bounds: { concurrency, rate: 1000 / p.intervalMs, durationMs: p.durationSeconds * 1000, maxRequests },
    clock,
    signal: stopper.signal,
    send: async (signal) => {
      const t = now();
      run.sent++;
      const a = await sender.send(signal);
      if (signal.aborted && a.error === 'timeout') return; // cut by the stop, not an answer
      if (a.pod && !a.version && !owners.has(a.pod)) await refreshOwners();
      const sample: ProbeSample = {
        t,
        ms: Math.round(a.ms * 10) / 10,
        ok: a.ok,
        status: a.status,
        answeredBy: a.ok ? answeredBy(a, podOwner) : null,
        pod: a.pod,
        error: a.error,
      };
      tracker = trackSample(tracker, sample);
      run.failures = tracker.failures;
      run.longestOutageMs = tracker.longestOutageMs;
      if (!a.ok && a.message) run.message = a.message;
      run.samples.push(sample);
      if (run.samples.length > keepSamples) run.samples.splice(0, run.samples.length - keepSamples);
      fresh.push(sample);
    },
  }).then(async ({ reason }) => {
    clearInterval(timer);
    flush();
    const end = endOf(reason, stopper.reason(), { durationSeconds: p.durationSeconds, maxRequests });
    run.state = end.state;
    run.end = { at: now(), reason: end.text };
    publish(p.namespace, { type: 'update', run: meta() });
    await sender.close();
  });

  return {
    snapshot: () => ({ kind: 'probe', ...run, samples: [...run.samples] }),
    running: () => run.state === 'running',
    stop: stopper.stop,
    done,
  };
}

export async function startProbe(p: ProbeParams): Promise<{ run: TrafficRun; joined: boolean }> {
  const { handle, joined } = await claimRun(p.namespace, 'probe', p.service, () => createProbe(p));
  return { run: handle.snapshot(), joined };
}

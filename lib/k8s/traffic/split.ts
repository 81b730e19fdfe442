import 'server-only';
import { canaryGroups, deploymentOfPod, type CanaryGroup, type CanaryMember } from '../../models/canary';
import { readyPodNames } from '../../models/endpointslice';
import { matchesSelector } from '../../models/labels';
import { describeSplit, splitShares } from '../../models/split-stats';
import { TRAFFIC_LIMITS, type SplitRun, type TrafficRun } from '../../models/traffic';
import { replicaSetOfPodName } from '../../models/traffic-timeline';
import type { DeploymentSummary, PodRow } from '../../models/types';
import { K8sError } from '../errors';
import { runBounded } from './engine';
import { claimRun, publish, type RunHandle } from './runs';
import { itemsOf, runStart, stopSwitch } from './state';
import { createSender, resolveTarget } from './transport';

// The measured canary split (story 003): N requests through the Service, each answer attributed to
// the member Deployment whose pod gave it, compared with the share the ready endpoints promise
// (lib/models/split-stats.ts). Straight to a ClusterIP each request opens its own connection,
// because kube-proxy chooses an endpoint per connection.

export interface SplitParams {
  namespace: string;
  service: string;
  port?: string;
  path: string;
  samples: number;
}

const FLUSH_MS = 250;

interface Members {
  group: Pick<CanaryGroup, 'members'>;
  deployments: DeploymentSummary[];
  pods: Map<string, PodRow>;
}

async function membersOf(ns: string, service: string): Promise<Members> {
  const [services, deployments, pods, slices] = await Promise.all([
    itemsOf('services', ns),
    itemsOf('deployments', ns),
    itemsOf('pods', ns),
    itemsOf('endpointslices', ns),
  ]);
  const svc = services.find((s) => s.name === service);
  if (!svc) throw new K8sError(404, 'NotFound', `service ${service} not found in ${ns}`);
  const group = canaryGroups([svc], deployments, pods, slices)[0];
  if (group) return { group, deployments, pods: new Map(pods.map((p) => [p.name, p])) };
  // one Deployment behind the Service (or none): the sample still says who answered
  const behind = deployments.filter((d) => matchesSelector(svc.selector, d.templateLabels));
  const ready = readyPodNames(slices, service);
  const members: CanaryMember[] = behind.map((d) => {
    const readyPods = pods.filter((p) => ready.has(p.name) && deploymentOfPod(p, deployments) === d).length;
    const version = d.containers[0]?.versionEnv?.value ?? null;
    return {
      deployment: d.name,
      role: 'stable',
      expectedShare: ready.size > 0 ? readyPods / ready.size : 0,
      readyPods,
      desired: d.desired,
      version,
      images: d.containers.map((c) => c.image),
    };
  });
  return { group: { members }, deployments, pods: new Map(pods.map((p) => [p.name, p])) };
}

/** The member Deployment that answered: by its pod, else by the pod's name, else by a version only it runs. */
function attribute(m: Members, answer: { pod: string | null; version: string | null }): string | null {
  const names = m.group.members.map((x) => x.deployment);
  if (answer.pod) {
    const row = m.pods.get(answer.pod);
    const owner = row ? deploymentOfPod(row, m.deployments) : null;
    if (owner && names.includes(owner.name)) return owner.name;
    const rs = replicaSetOfPodName(answer.pod);
    const byName = rs
      ? names.filter((n) => rs.startsWith(`${n}-`) && !rs.slice(n.length + 1).includes('-'))
      : [];
    if (byName.length === 1) return byName[0] ?? null;
  }
  if (answer.version) {
    const byVersion = m.group.members.filter((x) => x.version === answer.version);
    if (byVersion.length === 1) return byVersion[0]?.deployment ?? null;
  }
  return null;
}

async function createSplit(p: SplitParams): Promise<RunHandle> {
  const { port } = await resolveTarget(p.namespace, p.service, p.port);
  const members = await membersOf(p.namespace, p.service);
  const { concurrency, timeoutMs, durationSecondsMax } = TRAFFIC_LIMITS.split;
  const sender = await createSender(
    { namespace: p.namespace, service: p.service, port, path: p.path },
    { connections: concurrency, timeoutMs, keepAlive: false },
  );
  const expected = members.group.members.map((m) => ({
    deployment: m.deployment,
    expected: m.expectedShare,
  }));
  const counts: Record<string, number> = {};
  const startedAt = Date.now();
  const run: SplitRun = {
    ...runStart(
      p,
      { port, transport: sender.transport },
      startedAt,
      durationSecondsMax,
      expected.every((m) => m.expected === 0)
        ? `service ${p.service} has no ready endpoint: every request will fail`
        : null,
    ),
    requested: p.samples,
    answered: 0,
    failed: 0,
    unattributed: 0,
    shares: splitShares(expected, counts),
    replicas: Object.fromEntries(members.group.members.map((m) => [m.deployment, m.readyPods])),
  };
  let lastFailure: string | null = null;
  const refresh = () => {
    run.shares = splitShares(expected, counts);
    run.message =
      run.answered === 0 && lastFailure ? lastFailure : describeSplit(run.shares, run.answered, run.failed);
  };
  const snapshot = (): TrafficRun => ({ kind: 'split', ...run, shares: [...run.shares] });
  const timer = setInterval(() => {
    refresh();
    publish(p.namespace, { type: 'update', run: snapshot() });
  }, FLUSH_MS);
  timer.unref();
  const stopper = stopSwitch();

  const done = runBounded({
    bounds: { concurrency, rate: null, durationMs: durationSecondsMax * 1000, maxRequests: p.samples },
    signal: stopper.signal,
    send: async (signal) => {
      const a = await sender.send(signal);
      if (signal.aborted && a.error === 'timeout') return;
      if (!a.ok) {
        run.failed++;
        lastFailure = a.message;
        return;
      }
      const who = attribute(members, a);
      if (who === null) run.unattributed++;
      else {
        counts[who] = (counts[who] ?? 0) + 1;
        run.answered++;
      }
    },
  }).then(async ({ reason }) => {
    clearInterval(timer);
    refresh();
    if (reason === 'stopped') run.state = 'stopped';
    else run.state = run.answered > 0 ? 'done' : 'failed';
    const text =
      reason === 'stopped'
        ? (stopper.reason() ?? 'stopped')
        : reason === 'duration'
          ? `gave up after ${durationSecondsMax} s`
          : `${p.samples} requests sent`;
    run.end = { at: Date.now(), reason: text };
    publish(p.namespace, { type: 'update', run: snapshot() });
    await sender.close();
  });
  return {
    snapshot,
    running: () => run.state === 'running',
    stop: stopper.stop,
    done,
  };
}

/** Starts a sample (or joins the one running for this Service); resolves once it has started. */
export async function startSplit(
  p: SplitParams,
): Promise<{ run: TrafficRun; joined: boolean; done: Promise<void> }> {
  const { handle, joined } = await claimRun(p.namespace, 'split', p.service, () => createSplit(p));
  return { run: handle.snapshot(), joined, done: handle.done };
}

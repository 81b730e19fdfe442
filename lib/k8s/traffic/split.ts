import 'server-only';
import { canaryGroups, deploymentOfPod, type CanaryGroup, type CanaryMember } from '../../models/canary';
import { readyPodNames } from '../../models/endpointslice';
import { routeStatusProblems } from '../../models/httproute';
import { matchesSelector } from '../../models/labels';
import { describeSplit, splitShares } from '../../models/split-stats';
import { TRAFFIC_LIMITS, type SplitRun, type TrafficRun } from '../../models/traffic';
import { replicaSetOfPodName } from '../../models/traffic-timeline';
import { routeRunKey } from '../../models/traffic-contract';
import { deploymentsBehind, weightedRoutes } from '../../models/traffic-routes';
import type { DeploymentSummary, PodRow } from '../../models/types';
import { K8sError } from '../errors';
import { runBounded } from './engine';
import { claimRun, publish, type RunHandle } from './runs';
import { itemsOf, runStart, stopSwitch } from './state';
import { createGatewaySender, requireGatewayEntry, routeHost } from './gateway';
import { createSender, resolveTarget, type Sender } from './transport';

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
    return memberOf(d, ready.size > 0 ? readyPods / ready.size : 0, readyPods);
  });
  return { group: { members }, deployments, pods: new Map(pods.map((p) => [p.name, p])) };
}

/** A Deployment as a member of a sample: who it is, the share it should get, its ready pods. */
function memberOf(d: DeploymentSummary, expectedShare: number, readyPods: number): CanaryMember {
  return {
    deployment: d.name,
    role: 'stable',
    expectedShare,
    readyPods,
    desired: d.desired,
    version: d.containers[0]?.versionEnv?.value ?? null,
    images: d.containers.map((c) => c.image),
  };
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
  const { concurrency, timeoutMs } = TRAFFIC_LIMITS.split;
  const sender = await createSender(
    { namespace: p.namespace, service: p.service, port, path: p.path },
    { connections: concurrency, timeoutMs, keepAlive: false },
  );
  const noEndpoint = members.group.members.every((m) => m.expectedShare === 0);
  return splitRun(
    p,
    port,
    members,
    sender,
    noEndpoint ? `service ${p.service} has no ready endpoint: every request will fail` : null,
  );
}

/** The sample itself, whatever carries it: counts each answer for the member that gave it. */
function splitRun(
  p: { namespace: string; service: string; path: string; samples: number },
  port: string,
  members: Members,
  sender: Sender,
  warning: string | null,
): RunHandle {
  const { concurrency, durationSecondsMax } = TRAFFIC_LIMITS.split;
  const expected = members.group.members.map((m) => ({
    deployment: m.deployment,
    expected: m.expectedShare,
  }));
  const counts: Record<string, number> = {};
  const startedAt = Date.now();
  const run: SplitRun = {
    ...runStart(p, { port, transport: sender.transport }, startedAt, durationSecondsMax, warning),
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

// Through a route: the same sample sent to the gateway's entry with the route's Host header, so the
// gateway controller splits it by the rule's weights. Members are the Deployments behind the rule's
// backend Services; each one's expected share is its Service's configured share times its part of
// that Service's ready endpoints.

export interface RouteSplitParams {
  namespace: string;
  route: string;
  /** the rule (spec.rules index); default: the first rule with more than one backend, else 0 */
  rule?: number;
  path: string;
  samples: number;
}

export { routeRunKey };

async function routeMembers(
  p: RouteSplitParams,
): Promise<{ members: Members; hostnames: string[]; warning: string | null }> {
  const [routes, services, deployments, pods, slices] = await Promise.all([
    itemsOf('httproutes', p.namespace),
    itemsOf('services', p.namespace),
    itemsOf('deployments', p.namespace),
    itemsOf('pods', p.namespace),
    itemsOf('endpointslices', p.namespace),
  ]);
  const route = routes.find((r) => r.name === p.route);
  if (!route) throw new K8sError(404, 'NotFound', `httproute ${p.route} not found in ${p.namespace}`);
  const rule =
    p.rule !== undefined
      ? route.rules.find((r) => r.index === p.rule)
      : (route.rules.find((r) => r.backends.length > 1) ?? route.rules[0]);
  if (!rule)
    throw new K8sError(
      400,
      'NoSuchRule',
      `httproute ${p.route} has no rule ${p.rule ?? 0} (rules: ${route.rules.length})`,
    );
  const weighted = weightedRoutes([], [{ ...route, rules: [rule] }], slices)[0];
  const backends = weighted?.backends ?? [];
  if (backends.length === 0)
    throw new K8sError(
      409,
      'NoBackends',
      `rule ${rule.index} of httproute ${p.route} has no Service of this namespace to send to`,
    );
  const behind = deploymentsBehind(
    backends.map((b) => b.service),
    services,
    deployments,
  );
  const byName = new Map(deployments.map((d) => [d.name, d]));
  const expected = new Map<string, { share: number; ready: number }>();
  for (const b of backends) {
    const ready = readyPodNames(slices, b.service);
    for (const name of behind[b.service] ?? []) {
      const d = byName.get(name);
      const mine = d
        ? pods.filter((x) => ready.has(x.name) && deploymentOfPod(x, deployments) === d).length
        : 0;
      const e = expected.get(name) ?? { share: 0, ready: 0 };
      e.share += ready.size > 0 ? (b.share * mine) / ready.size : 0;
      e.ready = Math.max(e.ready, mine);
      expected.set(name, e);
    }
  }
  const members: CanaryMember[] = [...expected].flatMap(([name, e]) => {
    const d = byName.get(name);
    return d ? [memberOf(d, e.share, e.ready)] : [];
  });
  const status = routeStatusProblems(route);
  return {
    members: { group: { members }, deployments, pods: new Map(pods.map((x) => [x.name, x])) },
    hostnames: route.hostnames,
    warning:
      status[0] ??
      (members.every((m) => m.expectedShare === 0)
        ? `no ready endpoint behind httproute ${p.route}: every request will fail`
        : null),
  };
}

async function createRouteSplit(p: RouteSplitParams): Promise<RunHandle> {
  const entry = requireGatewayEntry();
  const { members, warning, hostnames } = await routeMembers(p);
  const host = routeHost(hostnames, entry);
  const { concurrency, timeoutMs } = TRAFFIC_LIMITS.split;
  const sender = createGatewaySender(entry, host, p.path, { connections: concurrency, timeoutMs });
  return splitRun(
    { namespace: p.namespace, service: routeRunKey(p.route), path: p.path, samples: p.samples },
    entry.port || (entry.protocol === 'https:' ? '443' : '80'),
    members,
    sender,
    warning,
  );
}

/** Starts a sample through the gateway for one route (or joins the running one). */
export async function startRouteSplit(
  p: RouteSplitParams,
): Promise<{ run: TrafficRun; joined: boolean; done: Promise<void> }> {
  const { handle, joined } = await claimRun(p.namespace, 'split', routeRunKey(p.route), () =>
    createRouteSplit(p),
  );
  return { run: handle.snapshot(), joined, done: handle.done };
}

import 'server-only';
import { matchesSelector } from '../../models/labels';
import { declaredDelay, type DeclaredDelay, type DelayDeclaringDeployment } from '../../models/message-delay';
import {
  TRAFFIC_LIMITS,
  type TrafficRun,
  type WsLoadCounts,
  type WsLoadRun,
  type WsPoint,
} from '../../models/traffic';
import { closeGraceMs, idealRunMs, newWsTally, wsPods, wsRtt, wsSecond } from '../../models/ws-load';
import { k8sRequest } from '../client';
import { K8sError } from '../errors';
import { runBounded, type Clock } from './engine';
import { claimRun, publish, type RunHandle } from './runs';
import { endOf, itemsOf, runStart, stopSwitch } from './state';
import { resolveTarget } from './transport';
import { runSession, wsEndpoint } from './ws-clients';

// The websockets story's own load (seed 000, issue 22): `clients` WebSocket connections opened at
// once through the Service, each sending `messages` and awaiting every echo, under the engine's
// bounds (all clients in flight, none started after the deadline, every socket closed at the
// deadline, on Stop, when the last viewer leaves, or when Podium stops). A point per second and the
// whole tally go to every viewer on the stream's traffic channel.

export interface WsLoadParams {
  namespace: string;
  service: string;
  port?: string;
  path: string;
  clients: number;
  messages: number;
  pauseMs: number;
  durationSeconds: number;
  /** tests and the benchmark: the app on 127.0.0.1 instead of the Service, with what to assume of it */
  direct?: { baseUrl: string; readyPods: number; delayMs: number | null };
  clock?: Clock;
}

const POINT_MS = 1_000;
const KEEP_POINTS = TRAFFIC_LIMITS.ws.durationSecondsMax + 10;

interface TargetFacts {
  port: string;
  readyPods: number;
  delay: DeclaredDelay;
}

/** The Service's port, its ready endpoints now, and the delay its Deployments declare. */
async function targetFacts(p: WsLoadParams): Promise<TargetFacts> {
  if (p.direct) {
    const delay = { delayMs: p.direct.delayMs, source: 'given by the caller' };
    return { port: p.port ?? 'http', readyPods: p.direct.readyPods, delay };
  }
  const { svc, port } = await resolveTarget(p.namespace, p.service, p.port);
  const slices = (await itemsOf('endpointslices', p.namespace)).filter((s) => s.service === svc.name);
  const ready = new Set(slices.flatMap((s) => s.endpoints.filter((e) => e.ready).map((e) => e.pod ?? e.ip)));
  if (ready.size === 0) {
    throw new K8sError(
      409,
      'NoEndpoints',
      `service ${svc.name} has no ready endpoint: no pod would accept a WebSocket (are its pods ready?)`,
    );
  }
  const names = (await itemsOf('deployments', p.namespace))
    .filter((d) => Object.keys(svc.selector).length > 0 && matchesSelector(svc.selector, d.templateLabels))
    .map((d) => d.name);
  const raw = await Promise.all(
    names.map((n) =>
      k8sRequest<DelayDeclaringDeployment>(`/apis/apps/v1/namespaces/${p.namespace}/deployments/${n}`, {
        what: `get deployment ${n}`,
      }),
    ),
  );
  return { port, readyPods: ready.size, delay: declaredDelay(raw) };
}

/** Every client is through: with every echo, or with connections that ended before their last one. */
function finishedText(clients: number, unanswered: number): string {
  const all = `all ${clients.toLocaleString('en-US')}`;
  if (unanswered === 0) return `${all} clients finished`;
  return `${all} connections ended, ${unanswered.toLocaleString('en-US')} messages never sent or answered`;
}

async function createWsLoad(p: WsLoadParams): Promise<RunHandle> {
  const facts = await targetFacts(p);
  const target = { namespace: p.namespace, service: p.service, port: facts.port, path: p.path };
  const ep = await wsEndpoint(target, p.direct?.baseUrl);
  const now = () => p.clock?.now() ?? Date.now();
  const startedAt = now();
  const tally = newWsTally(startedAt);
  const meta: Omit<WsLoadRun, keyof WsLoadCounts | 'pods' | 'rtt' | 'points'> = {
    ...runStart(p, { port: facts.port, transport: ep.transport }, startedAt, p.durationSeconds),
    clients: p.clients,
    messages: p.messages,
    pauseMs: p.pauseMs,
    durationSeconds: p.durationSeconds,
    readyPods: facts.readyPods,
    delayMs: facts.delay.delayMs,
    delaySource: facts.delay.source,
    idealMs: idealRunMs({ ...p, readyPods: facts.readyPods, delayMs: facts.delay.delayMs }),
    cpuMs: 0,
  };
  const points: WsPoint[] = [];
  const cpuStart = process.cpuUsage();
  const cpuNow = () => {
    const u = process.cpuUsage(cpuStart);
    return Math.round((u.user + u.system) / 1000);
  };
  const view = (series: WsPoint[]): TrafficRun => {
    const c = tally.counts;
    const run: WsLoadRun = {
      ...meta,
      ...c,
      failures: { ...c.failures },
      closes: { ...c.closes },
      pods: wsPods(tally),
      rtt: wsRtt(tally),
      points: series,
    };
    return { kind: 'ws', ...run };
  };
  const closeSecond = () => {
    const point = wsSecond(tally, POINT_MS);
    points.push(point);
    if (points.length > KEEP_POINTS) points.shift();
    meta.cpuMs = cpuNow();
    publish(p.namespace, { type: 'update', run: view([point]) });
  };
  const timer = setInterval(closeSecond, POINT_MS);
  timer.unref();
  const stopper = stopSwitch();
  let handshakes = 0;
  let release = () => {};
  const plan = {
    messages: p.messages,
    pauseMs: p.pauseMs,
    handshakeTimeoutMs: TRAFFIC_LIMITS.ws.handshakeTimeoutMs,
    doneGraceMs: closeGraceMs(p.clients, facts.delay.delayMs),
    now,
    onMessage: (text: string) => (meta.message = text),
    handshakeDone: () => {
      if (++handshakes >= p.clients) release();
    },
    allConnected: new Promise<void>((resolve) => (release = resolve)),
  };

  const done = runBounded({
    bounds: {
      concurrency: p.clients,
      rate: null,
      durationMs: p.durationSeconds * 1000,
      maxRequests: p.clients,
    },
    clock: p.clock,
    signal: stopper.signal,
    send: (signal) => runSession(ep, plan, tally, signal),
  }).then(() => {
    clearInterval(timer);
    closeSecond();
    // every client was started at once, so the engine reports its budget used up: why the clients
    // ended is told here (a stop, the deadline cutting them, or all of them through)
    const cut = tally.counts.echoed < p.clients * p.messages && now() >= meta.endsAt - 100;
    const reason = stopper.reason() !== null ? 'stopped' : cut ? 'duration' : 'requests';
    const end =
      reason === 'requests'
        ? {
            state: 'done' as const,
            text: finishedText(p.clients, p.clients * p.messages - tally.counts.echoed),
          }
        : endOf(reason, stopper.reason(), { durationSeconds: p.durationSeconds, maxRequests: p.clients });
    const noneConnected = tally.counts.connected === 0 && tally.counts.failed > 0;
    meta.state = noneConnected ? 'failed' : end.state;
    meta.end = { at: now(), reason: noneConnected ? `no client could connect (${end.text})` : end.text };
    meta.cpuMs = cpuNow();
    publish(p.namespace, { type: 'update', run: view([]) });
  });

  return {
    snapshot: () => view([...points]),
    running: () => meta.state === 'running',
    stop: stopper.stop,
    done,
  };
}

export async function startWsLoad(
  p: WsLoadParams,
): Promise<{ run: TrafficRun; joined: boolean; done: Promise<void> }> {
  const { handle, joined } = await claimRun(p.namespace, 'ws', p.service, () => createWsLoad(p));
  return { run: handle.snapshot(), joined, done: handle.done };
}

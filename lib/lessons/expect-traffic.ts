// Lesson expectations about Podium's own traffic runs (the stream's traffic channel), for the
// websockets story's benchmark (a WebSocket load that finished, one that saw pods go away) and the
// canary story's sample through the gateway.
// A run counts only if it started after the step did (its id was not in the step's first state).
import { routeRunKey } from '../models/traffic-contract';
import { runOf } from '../models/traffic-reducer';
import type { SplitRun, WsLoadRun } from '../models/traffic';
import type { Expectation, LiveState } from './expect';

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The Service's WebSocket run in `now`, when it is not the one `before` already had. */
function newWsRun(now: LiveState, before: LiveState, service: string): WsLoadRun | null {
  const run = runOf(now.traffic, 'ws', service);
  if (!run || runOf(before.traffic, 'ws', service)?.id === run.id) return null;
  return run;
}

/** A new WebSocket load on the Service finished with every message echoed. */
export function wsLoadFinished(service: string): Expectation {
  return {
    text: `a WebSocket load on ${service} finishes with every message echoed`,
    seen: 'WebSocket load finished',
    met: (now, before) => {
      const r = newWsRun(now, before, service);
      return r !== null && r.state === 'done' && r.echoed === r.clients * r.messages;
    },
    detail: (now, before) => {
      const r = newWsRun(now, before, service);
      if (!r || r.lastEndAt === null) return null;
      const ideal = r.idealMs !== null ? `, ideal ${s(r.idealMs)}` : ', ideal unknown';
      return `${r.clients} × ${r.messages} over ${r.pods.length} pods in ${s(r.lastEndAt - r.startedAt)}${ideal}`;
    },
  };
}

/** A new WebSocket load on the Service saw connections closed with 1001 (going away). */
export function wsGoingAway(service: string): Expectation {
  return {
    text: `connections of a WebSocket load on ${service} close with 1001 going away`,
    seen: '1001 closes seen',
    met: (now, before) => (newWsRun(now, before, service)?.closes['1001'] ?? 0) > 0,
    detail: (now, before) => {
      const r = newWsRun(now, before, service);
      return r ? `${r.closes['1001']} closed with 1001, ${r.closes['1006']} with 1006` : null;
    },
  };
}

/** The route's sample through the gateway in `now`, finished, when it is not the one `before` had. */
function newRouteSample(now: LiveState, before: LiveState, route: string): SplitRun | null {
  const key = routeRunKey(route);
  const run = runOf(now.traffic, 'split', key);
  if (!run || run.state !== 'done' || runOf(before.traffic, 'split', key)?.id === run.id) return null;
  return run;
}

/** A new sample through the gateway for the HTTPRoute measured `deployment` between min and max (0..1). */
export function routeSampled(route: string, deployment: string, min: number, max: number): Expectation {
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  const measured = (now: LiveState, before: LiveState) =>
    newRouteSample(now, before, route)?.shares.find((x) => x.deployment === deployment)?.measured ?? null;
  return {
    text: `a sample through the gateway for HTTPRoute ${route} gives ${deployment} ${pct(min)}-${pct(max)}`,
    seen: `${deployment} measured through the gateway`,
    met: (now, before) => {
      const x = measured(now, before);
      return x !== null && x >= min && x <= max;
    },
    detail: (now, before) => {
      const r = newRouteSample(now, before, route);
      const x = measured(now, before);
      return r && x !== null ? `${deployment} answered ${pct(x)} of ${r.answered} requests` : null;
    },
  };
}

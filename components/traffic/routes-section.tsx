'use client';
import { useMemo, useState } from 'react';
import { Confirm } from '@/components/actions/confirm';
import { useActionRunner } from '@/components/actions/use-action';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { sampleRouteSplit, setHttpRouteWeight, setIngressCanaryWeight } from '@/lib/api/traffic';
import { useObservedSplit } from '@/lib/hooks/use-app-metrics';
import { useKind } from '@/lib/hooks/use-live';
import { useTrafficRun } from '@/lib/hooks/use-traffic';
import { routeRunKey } from '@/lib/models/traffic-contract';
import type { SplitRun } from '@/lib/models/traffic';
import type { ObservedSplit } from '@/lib/models/appmetrics/observed-split';
import {
  deploymentsBehind,
  observedRouteSplit,
  parentGatewayLine,
  type WeightedBackend,
  type WeightedRoute,
} from '@/lib/models/traffic-routes';
import { INPUT, NumbersHead } from './traffic-controls';
import { useTrafficGate } from './use-traffic-gate';

const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 1000) / 10} %`);

function WeightEditor({ namespace, backend }: { namespace: string; backend: WeightedBackend }) {
  const edit = backend.edit;
  const gate = useTrafficGate(namespace, edit?.kind === 'HTTPRoute' ? 'httpRouteWeight' : 'ingressWeight');
  const { run, busy } = useActionRunner();
  const [value, setValue] = useState(String(backend.weight));
  const [confirming, setConfirming] = useState(false);
  if (!edit || !gate.visible) return null;
  const weight = Number(value);
  const valid = Number.isInteger(weight) && weight >= 0;
  const what =
    edit.kind === 'Ingress'
      ? `the canary-weight of Ingress ${edit.name}`
      : `the weight of ${backend.service} in HTTPRoute ${edit.name} (rule ${edit.rule})`;
  return (
    <span className="inline-flex items-center gap-1">
      <input
        className={`${INPUT} h-7 w-16`}
        type="number"
        min={0}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-label={`weight of ${backend.service}`}
        data-testid="route-weight-input"
      />
      <Button
        size="sm"
        disabledReason={gate.reason ?? (valid ? null : 'a whole number ≥ 0')}
        disabled={busy !== null || weight === backend.weight}
        onClick={() => setConfirming(true)}
        data-testid="route-weight-set"
      >
        Set
      </Button>
      <Confirm
        open={confirming}
        title={`Change ${what}?`}
        confirmLabel="Set weight"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void run(
            'weight',
            'Setting the weight failed',
            (): Promise<unknown> =>
              edit.kind === 'Ingress'
                ? setIngressCanaryWeight(namespace, edit.name, weight)
                : setHttpRouteWeight(namespace, edit.name, edit.rule, edit.backend, weight),
            () => ({ tone: 'ok', title: `Weight of ${backend.service}: ${backend.weight} → ${weight}` }),
          );
        }}
      >
        <p>
          {what}: {backend.weight} → {weight}. The route’s controller applies it; the replicas do not change.
        </p>
      </Confirm>
    </span>
  );
}

/** A backend Service's share of a sample through the gateway: its Deployments' answers together. */
function gatewayShare(run: SplitRun | null, deployments: readonly string[]): number | null {
  if (!run || run.answered === 0) return null;
  return run.shares.filter((s) => deployments.includes(s.deployment)).reduce((sum, s) => sum + s.measured, 0);
}

/** HTTPRoute only: N requests through the gateway's entry with the route's Host header. */
function GatewaySample({ namespace, route }: { namespace: string; route: WeightedRoute }) {
  const name = route.objects[0] ?? '';
  const rule = route.backends[0]?.edit?.kind === 'HTTPRoute' ? route.backends[0].edit.rule : undefined;
  const run = useTrafficRun(namespace, 'split', routeRunKey(name));
  const gate = useTrafficGate(namespace, 'traffic');
  const { run: act, busy } = useActionRunner();
  if (!gate.visible) return null;
  const entry = gate.info?.gateway;
  const running = run?.state === 'running';
  return (
    <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
      <Button
        size="sm"
        disabledReason={gate.reason ?? entry?.error ?? null}
        disabled={busy !== null || running}
        onClick={() =>
          void act(
            'route-sample',
            'Sampling through the gateway failed',
            () => sampleRouteSplit(namespace, name, { rule, samples: 200 }),
            (r) => ({ tone: 'ok', title: r.run.kind === 'split' ? (r.run.message ?? 'Sampled') : 'Sampled' }),
          )
        }
        data-testid="route-sample"
      >
        {running
          ? 'Sampling…'
          : run
            ? 'Re-sample through the gateway'
            : 'Sample 200 requests through the gateway'}
      </Button>
      {run ? (
        <span data-testid="route-sample-status" data-state={run.state} data-run={run.id}>
          {run.answered}/{run.requested} answered{run.failed > 0 ? `, ${run.failed} failed` : ''}
          {entry?.entry ? ` via ${entry.entry}` : ''}
          {run.message ? `: ${run.message}` : ''}
        </span>
      ) : entry?.entry ? (
        <span>via {entry.entry}</span>
      ) : null}
    </div>
  );
}

/**
 * What each route's backends served over the last minute, by their pods' own counters: the share
 * real traffic got, whichever way it came (this route, another, the Service itself).
 */
function useObservedRoutes(namespace: string, routes: readonly WeightedRoute[]) {
  const services = useKind(namespace, 'services');
  const deployments = useKind(namespace, 'deployments');
  const behind = useMemo(
    () =>
      deploymentsBehind(
        [...new Set(routes.flatMap((r) => r.backends.map((b) => b.service)))],
        services ?? [],
        deployments ?? [],
      ),
    [routes, services, deployments],
  );
  const names = useMemo(() => [...new Set(Object.values(behind).flat())].sort(), [behind]);
  const { data } = useObservedSplit(namespace, names.length > 0 ? names : null);
  return useMemo(() => {
    const out = new Map<string, ObservedSplit>();
    if (!data) return { byRoute: out, behind, windowSeconds: null as number | null, notes: [] as string[] };
    for (const r of routes)
      if (r.backends.length > 1) out.set(r.key, observedRouteSplit(r, behind, data.served));
    return { byRoute: out, behind, windowSeconds: data.windowSeconds, notes: data.notes };
  }, [data, routes, behind]);
}

type Observed = ReturnType<typeof useObservedRoutes>;

/** One route: its status, its backends' configured, replica, observed and (HTTPRoute) gateway-measured shares. */
function RouteItem({ namespace, r, observed }: { namespace: string; r: WeightedRoute; observed: Observed }) {
  const window = observed.windowSeconds === null ? 'the last minute' : `the last ${observed.windowSeconds} s`;
  const sampled = r.kind === 'HTTPRoute' && r.backends.length > 1;
  const run = useTrafficRun(namespace, 'split', sampled ? routeRunKey(r.objects[0] ?? '') : null);
  const seen = observed.byRoute.get(r.key);
  const gateways = useKind(namespace, 'gateways');
  const parents = r.parents
    .map((p) => ({ p, line: parentGatewayLine(p, gateways) }))
    .filter((x) => x.line !== null);
  return (
    <li
      data-testid="weighted-route"
      data-kind={r.kind}
      data-host={r.hosts[0] ?? ''}
      data-name={r.objects.join('+')}
      className="text-sm"
    >
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="info">{r.kind}</Badge>
        <span className="font-medium">{r.objects.join(' + ')}</span>
        <span className="font-mono text-xs text-slate-600 dark:text-slate-400">
          {r.hosts.length > 0 ? r.hosts.join(', ') : '*'} {r.match}
        </span>
        {r.accepted.map((g) => (
          <Badge key={g} tone="ok" data-testid="route-accepted">
            Accepted by {g}
          </Badge>
        ))}
      </div>
      {r.problems.map((p) => (
        <p key={p} className="text-xs text-amber-700 dark:text-amber-400" data-testid="route-problem">
          {p}
        </p>
      ))}
      {parents.map(({ p, line }) => (
        <p
          key={p}
          className={`text-xs ${line?.ok ? 'text-slate-600 dark:text-slate-300' : 'text-amber-700 dark:text-amber-400'}`}
          data-testid="route-gateway"
          data-ok={line?.ok ? 'true' : 'false'}
        >
          {line?.text}
        </p>
      ))}
      <table className="mt-1 w-full text-sm tabular-nums">
        <NumbersHead
          columns={[
            'Service',
            'weight',
            'configured',
            {
              label: 'by ready replicas',
              title: "the share if requests followed the ready endpoints of the route's Services",
            },
            {
              label: 'observed',
              title: `what each Service's pods served over ${window}, by their own request counters (every request, whichever way it came), with the range a sample of that size allows around the configured share`,
            },
            ...(sampled
              ? [
                  {
                    label: 'through the gateway',
                    title: "the last sample Podium sent to the gateway's entry with this route's Host header",
                  },
                ]
              : []),
          ]}
        />
        <tbody>
          {r.backends.map((b) => {
            const share =
              seen && seen.requests > 0 ? seen.shares.find((x) => x.deployment === b.service) : undefined;
            const viaGateway = sampled ? gatewayShare(run, observed.behind[b.service] ?? []) : null;
            return (
              <tr
                key={`${b.service}:${b.port}`}
                data-testid="route-backend"
                data-service={b.service}
                data-share={Math.round(b.share * 1000) / 10}
              >
                <td className="font-mono text-xs">
                  {b.service}
                  {b.port ? `:${b.port}` : ''}{' '}
                  <span className="text-slate-500">({b.readyEndpoints} ready)</span>
                </td>
                <td className="text-right">{b.weight}</td>
                <td className="text-right font-semibold">{pct(b.share)}</td>
                <td className="text-right text-slate-500">{pct(b.replicaShare)}</td>
                <td
                  className={`text-right ${share?.outside ? 'text-amber-700 dark:text-amber-400' : ''}`}
                  data-testid="route-observed"
                  data-observed={share ? Math.round(share.measured * 1000) / 10 : ''}
                  data-responses={share?.responses ?? ''}
                  title={
                    share
                      ? `${share.responses.toLocaleString('en-US')} of ${seen?.requests.toLocaleString('en-US')} requests over ${window}; ${pct(share.low)}–${pct(share.high)} expected from the configured share${share.outside ? ': outside it' : ''}`
                      : `no request counted by these pods over ${window}`
                  }
                >
                  {share ? pct(share.measured) : '–'}
                </td>
                {sampled ? (
                  <td
                    className="text-right"
                    data-testid="route-gateway-share"
                    data-measured={viaGateway === null ? '' : Math.round(viaGateway * 1000) / 10}
                  >
                    {pct(viaGateway)}
                  </td>
                ) : null}
                <td className="pl-2 text-right">
                  <WeightEditor namespace={namespace} backend={b} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {sampled ? <GatewaySample namespace={namespace} route={r} /> : null}
      {r.conditions.map((c) => (
        <p key={c} className="text-xs text-slate-600 dark:text-slate-300">
          before the weight: {c}
        </p>
      ))}
    </li>
  );
}

/** Routes (Ingress, HTTPRoute) and their configured weights, beside the share the ready replicas give. */
export function RoutesSection({
  namespace,
  routes,
  title = 'Routes to these Services',
}: {
  namespace: string;
  routes: readonly WeightedRoute[];
  title?: string;
}) {
  const observed = useObservedRoutes(namespace, routes);
  if (routes.length === 0) return null;
  return (
    <div
      className="space-y-2 border-t border-slate-100 pt-3 dark:border-slate-800"
      data-testid="routes-section"
    >
      <p className="text-xs font-medium text-slate-500 uppercase dark:text-slate-400">{title}</p>
      <ul className="space-y-3">
        {routes.map((r) => (
          <RouteItem key={r.key} namespace={namespace} r={r} observed={observed} />
        ))}
      </ul>
    </div>
  );
}

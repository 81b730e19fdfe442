'use client';
import { useState } from 'react';
import { Confirm } from '@/components/actions/confirm';
import { useActionRunner } from '@/components/actions/use-action';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { setHttpRouteWeight, setIngressCanaryWeight } from '@/lib/api/traffic';
import type { WeightedBackend, WeightedRoute } from '@/lib/models/traffic-routes';
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
  if (routes.length === 0) return null;
  return (
    <div
      className="space-y-2 border-t border-slate-100 pt-3 dark:border-slate-800"
      data-testid="routes-section"
    >
      <p className="text-xs font-medium text-slate-500 uppercase dark:text-slate-400">{title}</p>
      <ul className="space-y-3">
        {routes.map((r) => (
          <li
            key={r.key}
            data-testid="weighted-route"
            data-kind={r.kind}
            data-host={r.hosts[0] ?? ''}
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
                ]}
              />
              <tbody>
                {r.backends.map((b) => (
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
                    <td className="pl-2 text-right">
                      <WeightEditor namespace={namespace} backend={b} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {r.conditions.map((c) => (
              <p key={c} className="text-xs text-slate-600 dark:text-slate-300">
                before the weight: {c}
              </p>
            ))}
          </li>
        ))}
      </ul>
    </div>
  );
}

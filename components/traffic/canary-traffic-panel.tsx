'use client';
import { useMemo } from 'react';
import { CanaryPanel } from '@/components/canaries/canary-panel';
import { useObservedSplit } from '@/lib/hooks/use-app-metrics';
import { useKind } from '@/lib/hooks/use-live';
import { observedSplit } from '@/lib/models/appmetrics/observed-split';
import { useTrafficRun } from '@/lib/hooks/use-traffic';
import type { CanaryGroup } from '@/lib/models/canary';
import { routesTo, weightedRoutes } from '@/lib/models/traffic-routes';
import { CanaryActions } from './canary-actions';
import { RoutesSection } from './routes-section';
import { SplitSection } from './split-section';

/** A canary group with its measured split, the routes that reach its Service, and the canary actions. */
export function CanaryTrafficPanel({ namespace, group }: { namespace: string; group: CanaryGroup }) {
  const run = useTrafficRun(namespace, 'split', group.service);
  const deployments = useKind(namespace, 'deployments');
  const ingresses = useKind(namespace, 'ingresses');
  const httpRoutes = useKind(namespace, 'httproutes');
  const slices = useKind(namespace, 'endpointslices');
  const routes = useMemo(
    () => routesTo(weightedRoutes(ingresses ?? [], httpRoutes ?? [], slices ?? []), [group.service]),
    [ingresses, httpRoutes, slices, group.service],
  );
  const names = useMemo(() => group.members.map((m) => m.deployment), [group.members]);
  const { data: served } = useObservedSplit(namespace, names);
  const observed = useMemo(
    () =>
      served
        ? {
            split: observedSplit(
              group.members.map((m) => ({ deployment: m.deployment, expected: m.expectedShare })),
              served.served,
            ),
            windowSeconds: served.windowSeconds,
            notes: served.notes,
          }
        : undefined,
    [served, group.members],
  );
  const measured =
    run && run.answered > 0
      ? Object.fromEntries(run.shares.map((s) => [s.deployment, s.measured]))
      : undefined;
  const stable = deployments?.find((d) => d.name === group.stable);
  const canary = deployments?.find((d) => d.name === group.canaries[0]);
  return (
    <CanaryPanel group={group} measured={measured} observed={observed}>
      <SplitSection namespace={namespace} group={group} />
      <RoutesSection namespace={namespace} routes={routes} />
      {stable && canary ? <CanaryActions namespace={namespace} stable={stable} canary={canary} /> : null}
    </CanaryPanel>
  );
}

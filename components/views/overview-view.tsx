'use client';
import { useMemo } from 'react';
import { DeploymentCard } from '@/components/deployments/deployment-card';
import { CanaryTrafficPanel } from '@/components/traffic/canary-traffic-panel';
import { RoutesPanel } from '@/components/traffic/routes-panel';
import { kindsOrEmpty, useKindErrors, useLiveKinds } from '@/lib/hooks/use-live';
import { deploymentFindings } from '@/lib/models/checks';
import { familyOf, namespaceCanaryGroups, totalRestarts } from '@/lib/models/ownership';

/** The namespace at a glance: every deployment with its health, and the canary groups. */
export function OverviewView({ namespace }: { namespace: string }) {
  const kinds = useLiveKinds(namespace);
  const errors = useKindErrors(namespace);
  const { deployments } = kinds;

  const { groups, families, podTotal } = useMemo(() => {
    const ns = kindsOrEmpty(kinds);
    const groups = namespaceCanaryGroups(ns);
    // the overview's stream counts every deployment's pods on the server (podCounts); a large
    // namespace's pods themselves are not sent (lib/models/stream-scope.ts)
    const counted = ns.deployments.some((d) => d.podCounts);
    const podTotal = counted
      ? ns.deployments.reduce((sum, d) => sum + (d.podCounts?.total ?? 0), 0)
      : ns.pods.length;
    return { groups, families: ns.deployments.map((d) => familyOf(d, ns, groups)), podTotal };
  }, [kinds]);

  if (!deployments) {
    return (
      <div data-testid="overview-loading" className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        {[0, 1, 2].map((i) => (
          <div key={i} className="h-40 animate-pulse rounded-xl bg-slate-200 dark:bg-slate-800" />
        ))}
      </div>
    );
  }

  return (
    <div className="space-y-8">
      <div className="flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold tracking-tight">Deployments</h1>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          {deployments.length} deployments ·{' '}
          <span data-testid="pod-total">{podTotal.toLocaleString('en-US')}</span> pods
        </p>
      </div>
      {Object.entries(errors).map(([kind, message]) => (
        <p
          key={kind}
          className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          Cannot show {kind}: {message}
        </p>
      ))}
      {deployments.length === 0 ? (
        <div
          data-testid="overview-empty"
          className="rounded-xl border border-dashed border-slate-300 p-10 text-center dark:border-slate-700"
        >
          <p className="font-medium">No deployments in {namespace} yet.</p>
          <p className="mt-1 text-sm text-slate-500">
            Create one with kubectl, or open the Lessons to set up a demo story. It will appear here at once.
          </p>
        </div>
      ) : (
        <div data-testid="deployment-grid" className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
          {families.map(({ deployment: d, pods, hpa, canary }) => (
            <DeploymentCard
              key={d.uid}
              deployment={d}
              restarts={d.podCounts?.restarts ?? totalRestarts(pods)}
              hasHpa={hpa !== null}
              inCanaryGroup={canary !== null}
              findings={deploymentFindings(d)}
              href={`/ns/${namespace}/deployments/${d.name}`}
            />
          ))}
        </div>
      )}
      {groups.length > 0 && (
        <section className="space-y-4">
          <h2 className="text-xl font-semibold tracking-tight">Canary groups</h2>
          {groups.map((g) => (
            <CanaryTrafficPanel key={g.service} namespace={namespace} group={g} />
          ))}
        </section>
      )}
      <RoutesPanel namespace={namespace} />
    </div>
  );
}

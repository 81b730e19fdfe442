'use client';
import { useMemo } from 'react';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useKind, useLiveKinds } from '@/lib/hooks/use-live';
import { canaryGroups } from '@/lib/models/canary';
import { routesTo, weightedRoutes } from '@/lib/models/traffic-routes';
import { RoutesSection } from './routes-section';

/**
 * Routes into the namespace that no canary group's Service covers: story 003's host rules
 * (canary.tutorial-api.com → the canary Service) and weight-based canaries between two Services
 * (ingress-nginx canary-weight, HTTPRoute backendRef weights).
 */
export function RoutesPanel({ namespace }: { namespace: string }) {
  const ingresses = useKind(namespace, 'ingresses');
  const httpRoutes = useKind(namespace, 'httproutes');
  const { services, deployments, replicaSets, pods, endpointSlices } = useLiveKinds(namespace);
  const routes = useMemo(() => {
    const all = weightedRoutes(ingresses ?? [], httpRoutes ?? [], endpointSlices ?? []);
    const grouped = canaryGroups(
      services ?? [],
      deployments ?? [],
      pods ?? [],
      endpointSlices ?? [],
      replicaSets ?? [],
    ).map((g) => g.service);
    const covered = new Set(routesTo(all, grouped).map((r) => r.key));
    return all.filter((r) => !covered.has(r.key));
  }, [ingresses, httpRoutes, endpointSlices, services, deployments, replicaSets, pods]);
  if (routes.length === 0) return null;
  return (
    <Card data-testid="routes-panel">
      <CardHeader
        title="Routes and weights"
        description="Ingress and Gateway API routes into this namespace: configured weights next to the share the ready replicas would give"
      />
      <CardBody>
        <RoutesSection namespace={namespace} routes={routes} title="Routes" />
      </CardBody>
    </Card>
  );
}

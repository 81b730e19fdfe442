'use client';
import Link from 'next/link';
import { memo, useCallback, useMemo, useState, type ReactNode } from 'react';
import { DeploymentActions } from '@/components/actions/deployment-actions';
import { PodActions } from '@/components/actions/pod-actions';
import { AppMetricsPanel } from '@/components/appmetrics/app-metrics-panel';
import { useHoldChartsWhile } from '@/components/charts/charts-after';
import { ReplicasChart } from '@/components/charts/lazy-charts';
import { DeploymentHeader } from '@/components/deployments/deployment-header';
import { Findings } from '@/components/deployments/findings';
import { ProbeList } from '@/components/deployments/probe-list';
import { UsageCards } from '@/components/deployments/usage-cards';
import { EventList } from '@/components/events/event-list';
import type { LogSource } from '@/components/logs/log-source';
import { LogsPanel } from '@/components/logs/logs-panel';
import { PodLogButtons } from '@/components/logs/pod-log-buttons';
import { PodFilters } from '@/components/pods/pod-filters';
import { PodGrid } from '@/components/pods/pod-grid';
import { PodTable } from '@/components/pods/pod-table';
import { usePodQuery } from '@/components/pods/use-pod-query';
import { RolloutPanel } from '@/components/rollouts/rollout-panel';
import { HpaChartCard } from '@/components/scaling/hpa-chart-card';
import { HpaPanel } from '@/components/scaling/hpa-panel';
import { AvailabilityPanel } from '@/components/traffic/availability-panel';
import { LoadPanel } from '@/components/traffic/load-panel';
import { WsLoadPanel } from '@/components/traffic/ws-load-panel';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { SkipOffscreen } from '@/components/ui/skip-offscreen';
import { useDeploymentLive } from '@/lib/hooks/use-deployment-live';
import { loadedKinds, useHistory, useLiveKinds, useUsage } from '@/lib/hooks/use-live';
import { deploymentFindings } from '@/lib/models/checks';
import { podFacets, queryPods } from '@/lib/models/pod-view';
import { podsRun } from '@/lib/models/simulated-nodes';
import { DEPLOYMENT_EVENT_LIMIT } from '@/lib/models/scope-deployment';
import type { DeploymentSummary, HistoryPoint, PodEndpoint, PodRow } from '@/lib/models/types';

// The panels that do not show pods, memoised: a pod's change (most of a scale's or a rollout's
// changes) re-renders the pod grid and table, not the rollout, traffic, scaling, metrics, logs and
// probe panels beside them; each re-renders when what it is given changes (their lists keep their
// identity: useDeploymentLive). Twenty visible tabs rendering the whole page at every change were
// what kept a new pod from the screen (docs/performance.md, "Twenty visible tabs").
const Header = memo(DeploymentHeader);
const Rollout = memo(RolloutPanel);
const Availability = memo(AvailabilityPanel);
const Hpa = memo(HpaPanel);
const HpaChart = memo(HpaChartCard);
const Load = memo(LoadPanel);
const WsLoad = memo(WsLoadPanel);
const Usage = memo(UsageCards);
const AppMetrics = memo(AppMetricsPanel);
const Logs = memo(LogsPanel);
const Events = memo(EventList);
const Filters = memo(PodFilters);
const ReplicasCard = memo(function ReplicasCard({
  history,
  deployment,
}: {
  history: HistoryPoint[];
  deployment: string;
}) {
  return (
    <Card>
      <CardHeader title="Replicas over time" />
      <CardBody>
        <ReplicasChart history={history} deployment={deployment} />
      </CardBody>
    </Card>
  );
});
const ProbesCard = memo(function ProbesCard({ deployment }: { deployment: DeploymentSummary }) {
  return (
    <Card>
      <CardHeader title="Probes and checks" />
      <CardBody className="space-y-4">
        <ProbeList containers={deployment.containers} />
        <Findings findings={deploymentFindings(deployment)} />
      </CardBody>
    </Card>
  );
});

/**
 * One deployment, live: its pods as a grid and a table, the rollout, scaling, probes and events.
 * `prometheus`: Podium has one (PODIUM_PROMETHEUS_URL), so the CPU/memory history comes from it.
 */
export function DeploymentView({
  namespace,
  name,
  prometheus = false,
}: {
  namespace: string;
  name: string;
  prometheus?: boolean;
}) {
  const view = useDeploymentLive(namespace, name);
  const usage = useUsage(namespace);
  const history = useHistory(namespace);
  // the charts load recharts only once every kind's first snapshot is in (the pods above all)
  useHoldChartsWhile(loadedKinds(useLiveKinds(namespace)) === null);
  const [selected, setSelected] = useState<string | undefined>();
  const [logSource, setLogSource] = useState<LogSource>({ kind: 'deployment' });
  const openLogs = useCallback((s: LogSource) => {
    setLogSource(s);
    document.getElementById('logs')?.scrollIntoView({ block: 'start' });
  }, []);
  // the endpoints by value: the Deployment's every status change must not re-render every row
  const endpointsJson = JSON.stringify(view?.deployment.endpoints ?? []);
  const endpoints = useMemo(() => JSON.parse(endpointsJson) as PodEndpoint[], [endpointsJson]);
  const renderActions = useCallback(
    (pod: PodRow): ReactNode => <PodActions namespace={namespace} pod={pod} endpoints={endpoints} />,
    [namespace, endpoints],
  );
  const renderUnderName = useCallback(
    (pod: PodRow): ReactNode => <PodLogButtons pod={pod} onOpen={openLogs} />,
    [openLogs],
  );
  // the filters and sort of the URL, applied once for the grid and the table
  const [query, setQuery] = usePodQuery();
  const pods = view?.pods;
  const shown = useMemo(() => (pods ? queryPods(pods, query) : []), [pods, query]);
  const facets = useMemo(() => podFacets(pods ?? []), [pods]);
  const where = useMemo(() => podsRun(pods ?? []), [pods]);

  if (view === undefined)
    return (
      <div
        data-testid="deployment-loading"
        className="h-96 animate-pulse rounded-xl bg-slate-200 dark:bg-slate-800"
      />
    );
  if (view === null) {
    return (
      <div
        data-testid="deployment-missing"
        className="rounded-xl border border-dashed border-slate-300 p-10 text-center dark:border-slate-700"
      >
        <p className="font-medium">
          There is no deployment <span className="font-mono">{name}</span> in {namespace}.
        </p>
        <p className="mt-1 text-sm text-slate-500">
          It may have been deleted. It will appear here if it is created again.
        </p>
        <Link href={`/ns/${namespace}`} className="mt-4 inline-block text-indigo-600 hover:underline">
          Back to the overview
        </Link>
      </div>
    );
  }
  const { deployment, replicaSets, podNames, hpa } = view;
  const readyCount = view.pods.filter((p) => p.ready).length;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <Link href={`/ns/${namespace}`} className="text-indigo-600 hover:underline dark:text-indigo-400">
          ← {namespace}
        </Link>
        <Link
          href={`/ns/${namespace}/deployments/${name}/projector`}
          data-testid="projector-link"
          className="text-indigo-600 hover:underline dark:text-indigo-400"
        >
          Projector mode
        </Link>
      </div>
      <Header deployment={deployment} />
      <DeploymentActions namespace={namespace} deployment={deployment} hpa={hpa} replicaSets={replicaSets} />

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-3">
        <Card className="xl:col-span-2">
          <CardHeader
            title="Pods"
            description={`${readyCount.toLocaleString('en-US')} ready of ${view.pods.length.toLocaleString('en-US')}`}
          />
          <CardBody className="space-y-3">
            <Filters
              query={query}
              onChange={setQuery}
              facets={facets}
              shown={shown.length}
              total={view.pods.length}
            />
            <PodGrid
              pods={shown}
              sorted
              usage={usage}
              replicaSets={replicaSets}
              events={view.events}
              selected={selected}
              onSelect={setSelected}
            />
          </CardBody>
        </Card>
        <div className="space-y-6">
          <Rollout deployment={deployment} replicaSets={replicaSets} />
          <Availability namespace={namespace} deployment={deployment} replicaSets={replicaSets} />
        </div>
      </div>

      {/* below the fold on a laptop: drawn when scrolled near (SkipOffscreen) */}
      <SkipOffscreen className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        {hpa && <Hpa hpa={hpa} />}
        {hpa && <HpaChart history={history} hpa={hpa.name} />}
        <Load namespace={namespace} deployment={deployment} where={where} />
        <WsLoad namespace={namespace} deployment={deployment} />
        <ReplicasCard history={history} deployment={deployment.name} />
        <Usage
          namespace={namespace}
          deployment={deployment.name}
          history={history}
          podNames={podNames}
          prometheus={prometheus}
        />
      </SkipOffscreen>

      <SkipOffscreen estimate="12rem">
        <AppMetrics namespace={namespace} deployment={deployment.name} />
      </SkipOffscreen>

      <SkipOffscreen estimate="16rem">
        <Card>
          <CardHeader title="Pod details" />
          <CardBody className="overflow-x-auto">
            <PodTable
              pods={shown}
              sorted
              usage={usage}
              events={view.events}
              selected={selected}
              renderActions={renderActions}
              renderUnderName={renderUnderName}
            />
          </CardBody>
        </Card>
      </SkipOffscreen>

      <SkipOffscreen estimate="24rem">
        <Logs
          namespace={namespace}
          deployment={deployment}
          replicaSets={replicaSets}
          source={logSource}
          onSource={setLogSource}
        />
      </SkipOffscreen>

      <SkipOffscreen className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <ProbesCard deployment={deployment} />
        <Card>
          <CardHeader title="Events" description="newest first" />
          <CardBody>
            <Events events={view.events} limit={50} heldAtMost={DEPLOYMENT_EVENT_LIMIT} sorted />
          </CardBody>
        </Card>
      </SkipOffscreen>
    </div>
  );
}

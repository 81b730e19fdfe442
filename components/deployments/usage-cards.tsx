'use client';

import { UsageChart } from '@/components/charts/lazy-charts';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { useUsageHistory } from '@/lib/hooks/use-usage-history';
import type { HistoryPoint } from '@/lib/models/types';

export interface UsageCardsProps {
  namespace: string;
  deployment: string;
  /** the in-memory samples of metrics-server, from the live stream */
  history: readonly HistoryPoint[];
  /** the Deployment's pods now: the in-memory charts draw only these */
  podNames: readonly string[];
  /** Podium has a Prometheus (PODIUM_PROMETHEUS_URL): the history comes from it */
  prometheus: boolean;
}

/**
 * CPU and memory per pod over time. Without Prometheus: the live stream's samples of
 * metrics-server, as ever. With it: Prometheus' last hour (the kubelet's cAdvisor), which survives
 * a Podium restart and is the same on every replica, pods gone since included; while it loads or
 * when it fails, the in-memory samples, and the card says which source it draws.
 */
export function UsageCards({ namespace, deployment, history, podNames, prometheus }: UsageCardsProps) {
  const answer = useUsageHistory(namespace, deployment, prometheus);
  if (!prometheus) {
    return (
      <>
        <Card>
          <CardHeader title="CPU per pod" description="from metrics.k8s.io" />
          <CardBody>
            <UsageChart history={history} pods={podNames} metric="cpu" />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Memory per pod" description="working set, from metrics.k8s.io" />
          <CardBody>
            <UsageChart history={history} pods={podNames} metric="memory" />
          </CardBody>
        </Card>
      </>
    );
  }
  const fromProm = answer?.source === 'prometheus';
  const source = fromProm
    ? `from Prometheus (cAdvisor), last ${answer.rangeMinutes} min`
    : answer
      ? `from metrics.k8s.io in Podium's memory: ${answer.note}`
      : 'from metrics.k8s.io in Podium’s memory while Prometheus answers';
  const points = fromProm ? answer.points : history;
  const pods = fromProm ? undefined : podNames;
  const describe = (prefix: string) => (
    <span data-testid="usage-source" data-source={fromProm ? 'prometheus' : 'memory'}>
      {prefix}
      {source}
    </span>
  );
  return (
    <>
      <Card>
        <CardHeader title="CPU per pod" description={describe('')} />
        <CardBody>
          <UsageChart history={points} pods={pods} metric="cpu" />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Memory per pod" description={describe('working set, ')} />
        <CardBody>
          <UsageChart history={points} pods={pods} metric="memory" />
        </CardBody>
      </Card>
    </>
  );
}

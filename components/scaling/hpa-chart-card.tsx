import { HpaChart } from '@/components/charts/lazy-charts';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import type { HistoryPoint } from '@/lib/models/types';

/** The autoscaler's utilization against its target, and its replicas, over time. */
export function HpaChartCard({ history, hpa }: { history: readonly HistoryPoint[]; hpa: string }) {
  return (
    <Card>
      <CardHeader title="HPA: utilization and replicas" />
      <CardBody>
        <HpaChart history={history} hpa={hpa} />
      </CardBody>
    </Card>
  );
}

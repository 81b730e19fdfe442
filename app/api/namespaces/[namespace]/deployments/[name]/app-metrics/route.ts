import { readAppMetrics } from '@/lib/k8s/appmetrics/source';
import { appMetricsRead } from '@/lib/routes/app-metrics';
import { appMetricsQuery, deploymentParams } from '@/lib/validation';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET ?key=&range=: the Deployment's application metrics per version (AppMetricsResult), from
 * Prometheus when one is configured, else read from the pods. */
export const GET = appMetricsRead(deploymentParams, appMetricsQuery, ({ namespace, name }, { key, range }) =>
  readAppMetrics(namespace, name, key, range),
);

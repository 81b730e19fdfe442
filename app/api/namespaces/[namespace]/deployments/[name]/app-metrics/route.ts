import { readAppMetricsDirect } from '@/lib/k8s/appmetrics/direct';
import { appMetricsRead } from '@/lib/routes/app-metrics';
import { appMetricsQuery, deploymentParams } from '@/lib/validation';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET ?key=&range=: the Deployment's application metrics per version (AppMetricsResult). */
export const GET = appMetricsRead(deploymentParams, appMetricsQuery, ({ namespace, name }, { key, range }) =>
  readAppMetricsDirect(namespace, name, key, range),
);

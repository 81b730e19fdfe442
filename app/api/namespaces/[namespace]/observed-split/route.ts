import { observedRequestsDirect } from '@/lib/k8s/appmetrics/direct';
import { appMetricsRead } from '@/lib/routes/app-metrics';
import { namespaceParams, observedSplitQuery } from '@/lib/validation';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET ?deployments=a,b: the requests each Deployment's pods served over the last minute. */
export const GET = appMetricsRead(namespaceParams, observedSplitQuery, ({ namespace }, { deployments }) =>
  observedRequestsDirect(namespace, deployments),
);

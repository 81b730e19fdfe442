import type { NextRequest } from 'next/server';
import { k8sRequest } from '@/lib/k8s/client';
import { K8sError } from '@/lib/k8s/errors';
import { followLogs, ofDeployment } from '@/lib/k8s/logs/follow-logs';
import { checkLogsRequest, logsStream } from '@/lib/routes/logs-routes';
import { jsonError } from '@/lib/routes/responses';
import { deploymentLogsQuery, deploymentParams } from '@/lib/validation';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET (Server-Sent Events): the live logs of every pod of the Deployment, merged in time order. */
export async function GET(req: NextRequest, ctx: { params: Promise<{ namespace: string; name: string }> }) {
  const checked = await checkLogsRequest(req, await ctx.params, deploymentParams, deploymentLogsQuery);
  if (!checked.ok) return checked.response;
  const { namespace, name } = checked.params;
  try {
    await k8sRequest(`/apis/apps/v1/namespaces/${namespace}/deployments/${name}`, {
      what: `get deployment ${name}`,
    });
  } catch (err) {
    if (err instanceof K8sError)
      return err.status === 404
        ? jsonError(404, 'NoSuchDeployment', `deployment ${name} not found in namespace ${namespace}`)
        : jsonError(err.status, err.reason, err.message);
    throw err;
  }
  return logsStream(req, (send) => followLogs(namespace, ofDeployment(name), checked.query, { send }));
}

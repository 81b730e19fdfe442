import { NextResponse, type NextRequest } from 'next/server';
import { K8sError } from '@/lib/k8s/errors';
import { followLogs } from '@/lib/k8s/logs/follow-logs';
import { pickContainer, readPodLogs, requirePod } from '@/lib/k8s/logs/pod-logs';
import { checkLogsRequest, logsStream } from '@/lib/routes/logs-routes';
import { jsonError } from '@/lib/routes/responses';
import { podLogsQuery, podParams } from '@/lib/validation';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET: one pod's logs. JSON by default (previous=true: the container before its last restart, with
 * its exit code and reason); follow=true: Server-Sent Events from the shared follower of each of its
 * containers (or the one named), which waits for a container that has not started yet.
 */
export async function GET(req: NextRequest, ctx: { params: Promise<{ namespace: string; pod: string }> }) {
  const checked = await checkLogsRequest(req, await ctx.params, podParams, podLogsQuery);
  if (!checked.ok) return checked.response;
  const { namespace, pod } = checked.params;
  const { follow, container, previous, tailLines, sinceSeconds } = checked.query;
  try {
    if (!follow) {
      const answer = await readPodLogs(namespace, pod, { container, previous, tailLines, sinceSeconds });
      return NextResponse.json(answer, { headers: { 'Cache-Control': 'no-store' } });
    }
    pickContainer(await requirePod(namespace, pod), container);
  } catch (err) {
    if (err instanceof K8sError) return jsonError(err.status, err.reason, err.message);
    throw err;
  }
  return logsStream(req, (send) =>
    followLogs(
      namespace,
      (p) => p.name === pod,
      { container, tailLines: tailLines && Math.min(tailLines, 1000), sinceSeconds },
      { send },
    ),
  );
}

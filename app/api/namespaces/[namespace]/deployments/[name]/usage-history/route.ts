import { NextResponse, type NextRequest } from 'next/server';
import { getConfig, namespaceAllowed } from '@/lib/config';
import { prometheusUrl } from '@/lib/k8s/prometheus/client';
import { prometheusUsageHistory } from '@/lib/k8s/prometheus/usage';
import { USAGE_HISTORY_MINUTES, type UsageHistoryAnswer } from '@/lib/models/prometheus/wire';
import { jsonError } from '@/lib/routes/responses';
import { deploymentParams, describeIssue, usageHistoryQuery } from '@/lib/validation';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET: the Deployment's pods' CPU and memory over `rangeMinutes` from Prometheus. 404 when no
 * Prometheus is configured; a Prometheus that fails is a 200 with its note, and the panel falls
 * back to the in-memory samples of metrics-server.
 */
export async function GET(req: NextRequest, ctx: { params: Promise<{ namespace: string; name: string }> }) {
  const params = deploymentParams.safeParse(await ctx.params);
  if (!params.success) return jsonError(400, 'BadRequest', describeIssue(params.error));
  const { namespace, name } = params.data;
  if (!namespaceAllowed(namespace, getConfig().namespaces))
    return jsonError(
      403,
      'NamespaceNotAllowed',
      `namespace "${namespace}" is not in Podium's allowlist (PODIUM_NAMESPACES)`,
    );
  const query = usageHistoryQuery.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!query.success) return jsonError(400, 'BadRequest', describeIssue(query.error, 'query'));
  if (!prometheusUrl())
    return jsonError(404, 'PrometheusNotConfigured', 'no Prometheus is configured (PODIUM_PROMETHEUS_URL)');
  const minutes = query.data.rangeMinutes ?? USAGE_HISTORY_MINUTES;
  const got = await prometheusUsageHistory(namespace, name, minutes * 60_000);
  const body: UsageHistoryAnswer = got.ok
    ? { source: 'prometheus', rangeMinutes: minutes, points: got.points }
    : { source: 'unavailable', note: got.note };
  return NextResponse.json(body, { headers: { 'Cache-Control': 'no-store' } });
}

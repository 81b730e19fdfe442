import { NextResponse, type NextRequest } from 'next/server';
import { getConfig, namespaceAllowed } from '@/lib/config';
import { K8sError } from '@/lib/k8s/errors';
import { trafficPermissions } from '@/lib/k8s/traffic/access';
import { transportInUse } from '@/lib/k8s/traffic/transport';
import type { TrafficInfo } from '@/lib/models/traffic-contract';
import { TRANSPORT_TEXT } from '@/lib/models/traffic';
import { jsonError } from '@/lib/routes/responses';
import { describeIssue, namespaceName } from '@/lib/validation';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET: how Podium's requests reach Services here, and what its credentials allow. */
export async function GET(_req: NextRequest, ctx: { params: Promise<{ namespace: string }> }) {
  const ns = namespaceName.safeParse((await ctx.params).namespace);
  if (!ns.success) return jsonError(400, 'BadRequest', describeIssue(ns.error, 'namespace'));
  const config = getConfig();
  if (!namespaceAllowed(ns.data, config.namespaces)) {
    return jsonError(
      403,
      'NamespaceNotAllowed',
      `namespace "${ns.data}" is not in Podium's allowlist (PODIUM_NAMESPACES)`,
    );
  }
  try {
    const transport = transportInUse();
    const body: TrafficInfo = {
      namespace: ns.data,
      transport,
      transportText: TRANSPORT_TEXT[transport],
      permissions: await trafficPermissions(ns.data),
      readOnly: config.readOnly,
    };
    return NextResponse.json(body, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    if (err instanceof K8sError) return jsonError(err.status, err.reason, err.message);
    throw err;
  }
}

import { NextResponse, type NextRequest } from 'next/server';
import { getConfig, namespaceAllowed } from '@/lib/config';
import { permissions } from '@/lib/k8s/access';
import { K8sError } from '@/lib/k8s/errors';
import type { PermissionsAnswer } from '@/lib/models/contract';
import { jsonError } from '@/lib/routes/responses';
import { describeIssue, namespaceName } from '@/lib/validation';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET: per action, whether Podium's credentials allow it here, and why not. */
export async function GET(_req: NextRequest, ctx: { params: Promise<{ namespace: string }> }) {
  const { namespace } = await ctx.params;
  const ns = namespaceName.safeParse(namespace);
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
    const actions = await permissions(ns.data);
    const body: PermissionsAnswer = { namespace: ns.data, readOnly: config.readOnly, actions };
    return NextResponse.json(body, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    if (err instanceof K8sError) return jsonError(err.status, err.reason, err.message);
    throw err;
  }
}

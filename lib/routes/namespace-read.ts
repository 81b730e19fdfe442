import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { getConfig, namespaceAllowed, type PodiumConfig } from '../config';
import { K8sError } from '../k8s/errors';
import { describeIssue, namespaceName } from '../validation';
import { jsonError } from './responses';

/**
 * A GET route that reads about one namespace: the name checked (400), the allowlist (403), then
 * `read`'s answer as uncached JSON, a Kubernetes error as its own status and reason.
 */
export function namespaceRead<T>(read: (namespace: string, config: PodiumConfig) => Promise<T>) {
  return async function GET(_req: NextRequest, ctx: { params: Promise<{ namespace: string }> }) {
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
      const body = await read(ns.data, config);
      return NextResponse.json(body, { headers: { 'Cache-Control': 'no-store' } });
    } catch (err) {
      if (err instanceof K8sError) return jsonError(err.status, err.reason, err.message);
      throw err;
    }
  };
}

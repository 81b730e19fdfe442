import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { getConfig, namespaceAllowed } from '../config';
import { K8sError } from '../k8s/errors';
import { describeIssue } from '../validation';
import { jsonError } from './responses';

/**
 * A read-only GET of application metrics: path parameters and query checked with their schemas
 * (400), the namespace allowlist (403), then `read`'s answer as uncached JSON, a Kubernetes error
 * as its own status. Reading registers the caller as a viewer (lib/k8s/appmetrics/reader.ts).
 */
export function appMetricsRead<P extends { namespace: string }, Q, T>(
  paramsSchema: z.ZodType<P>,
  querySchema: z.ZodType<Q>,
  read: (params: P, query: Q) => Promise<T>,
) {
  return async function GET(req: NextRequest, ctx: { params: Promise<Record<string, string>> }) {
    const params = paramsSchema.safeParse(await ctx.params);
    if (!params.success) return jsonError(400, 'BadRequest', describeIssue(params.error, 'path'));
    const query = querySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
    if (!query.success) return jsonError(400, 'BadRequest', describeIssue(query.error, 'query'));
    if (!namespaceAllowed(params.data.namespace, getConfig().namespaces))
      return jsonError(
        403,
        'NamespaceNotAllowed',
        `namespace "${params.data.namespace}" is not in Podium's allowlist (PODIUM_NAMESPACES)`,
      );
    try {
      return NextResponse.json(await read(params.data, query.data), {
        headers: { 'Cache-Control': 'no-store' },
      });
    } catch (err) {
      if (err instanceof K8sError) return jsonError(err.status, err.reason, err.message);
      throw err;
    }
  };
}

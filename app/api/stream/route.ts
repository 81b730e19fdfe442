import type { NextRequest } from 'next/server';
import { jsonError } from '@/lib/routes/responses';
import { getConfig, namespaceAllowed } from '@/lib/config';
import { liveStreamResponse } from '@/lib/routes/live-stream';
import { describeIssue, streamQuery } from '@/lib/validation';

// The one live stream of a browser (Server-Sent Events): every watched kind of one namespace, pod
// usage, history and traffic runs, sized for the page by its scope (?deployment=<name> or
// ?view=overview: lib/models/stream-scope.ts). Assembled in lib/routes/live-stream.ts from the
// scope's shared feed (lib/k8s/feed.ts).

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest) {
  const params = req.nextUrl.searchParams;
  const twice = [...params.keys()].find((k, i, all) => all.indexOf(k) !== i);
  if (twice) return jsonError(400, 'BadRequest', `${twice}: must be given once`);
  const parsed = streamQuery.safeParse({ namespace: '', ...Object.fromEntries(params) });
  if (!parsed.success) return jsonError(400, 'BadRequest', describeIssue(parsed.error, 'query'));
  const scope = parsed.data;
  if (!namespaceAllowed(scope.namespace, getConfig().namespaces)) {
    return jsonError(
      403,
      'NamespaceNotAllowed',
      `namespace "${scope.namespace}" is not in Podium's allowlist`,
    );
  }
  return liveStreamResponse(scope, req.signal);
}

import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import type { z } from 'zod';
import { audit, type AuditOutcome } from '../audit';
import { getConfig, namespaceAllowed, type PodiumConfig } from '../config';
import { K8sError } from '../k8s/errors';
import { CSRF_HEADER } from '../models/contract';
import { describeIssue, emptyBody, namespaceName } from '../validation';
import { jsonError } from './responses';
import { ACTION_COOKIE, CSRF_COOKIE, actionCookieValid, csrfMatches, originAllowed } from './security';

// The one gate every mutating route goes through, in this order:
//   read-only mode (403 ReadOnly) -> Origin (403 BadOrigin) -> CSRF double submit (403 BadCsrf)
//   -> action token cookie, when PODIUM_ACTION_TOKEN is set (401 Locked)
//   -> namespace valid (400) and allowed (403 NamespaceNotAllowed) -> other names valid (400)
//   -> body size (413), JSON (415/400) and zod schema (400)
// then the action itself, whose Kubernetes errors keep their status and reason. Each request ends
// in exactly one audit line.

export const MAX_BODY_BYTES = 8 * 1024;

/** An answer the route chooses not to carry out (e.g. 409 HpaManaged): audited as "refused". */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export interface AccessOptions {
  /** refuse in read-only mode (everything but the session routes) */
  readOnly: boolean;
  /** require the action-token cookie when PODIUM_ACTION_TOKEN is set */
  token: boolean;
}

/** The request-level checks (mode, origin, CSRF, token): a Refusal, or null when the request may go on. */
export function checkAccess(req: NextRequest, config: PodiumConfig, opts: AccessOptions): Refusal | null {
  if (opts.readOnly && config.readOnly) {
    return new Refusal(
      403,
      'ReadOnly',
      'Podium runs in read-only mode (PODIUM_READ_ONLY): actions are switched off',
    );
  }
  const facts = {
    origin: req.headers.get('origin'),
    url: req.url,
    host: req.headers.get('host'),
    forwardedHost: req.headers.get('x-forwarded-host'),
    forwardedProto: req.headers.get('x-forwarded-proto'),
  };
  if (!originAllowed(facts, config.allowedOrigins)) {
    return new Refusal(
      403,
      'BadOrigin',
      facts.origin
        ? `requests from origin ${facts.origin.slice(0, 100)} may not change anything (allowed: this site and PODIUM_ALLOWED_ORIGINS)`
        : 'the request has no Origin header; actions are accepted only from Podium pages',
    );
  }
  if (!csrfMatches(req.headers.get(CSRF_HEADER), req.cookies.get(CSRF_COOKIE)?.value)) {
    return new Refusal(403, 'BadCsrf', 'missing or wrong CSRF token: reload the page and try again');
  }
  if (
    opts.token &&
    config.actionToken &&
    !actionCookieValid(req.cookies.get(ACTION_COOKIE)?.value, config.actionToken)
  ) {
    return new Refusal(401, 'Locked', 'actions are locked: enter the action token first');
  }
  return null;
}

/** Reads at most `limit` bytes, so a huge body is refused without being buffered. */
export async function readLimited(
  req: Request,
  limit = MAX_BODY_BYTES,
): Promise<{ text: string } | { tooLarge: true }> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) return { tooLarge: true };
  if (!req.body) return { text: '' };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return { tooLarge: true };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString('utf8') };
}

/** Parses a JSON body with a schema; an empty body counts as `{}` only when `emptyOk`. */
export async function parseBody<S extends z.ZodType>(
  req: Request,
  schema: S,
  emptyOk: boolean,
): Promise<z.infer<S>> {
  const read = await readLimited(req);
  if ('tooLarge' in read)
    throw new Refusal(413, 'PayloadTooLarge', `the request body is larger than ${MAX_BODY_BYTES} bytes`);
  let value: unknown = {};
  if (read.text.trim() === '') {
    if (!emptyOk) throw new Refusal(400, 'BadRequest', 'body: is required (a JSON object)');
  } else {
    const type = req.headers.get('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) {
      throw new Refusal(
        415,
        'UnsupportedMediaType',
        'the request body must be JSON (Content-Type: application/json)',
      );
    }
    try {
      value = JSON.parse(read.text);
    } catch {
      throw new Refusal(400, 'BadRequest', 'body: is not valid JSON');
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Refusal(400, 'BadRequest', describeIssue(parsed.error, 'body'));
  return parsed.data;
}

export interface ActionInput<P, B> {
  params: P;
  body: B;
  config: PodiumConfig;
}

export interface ActionDone {
  /** fields merged into the JSON answer */
  data?: Record<string, unknown>;
  /** a short sentence for the audit line, e.g. "replicas 3" */
  detail: string;
}

export interface ActionSpec<P extends { namespace: string }, B> {
  /** the audit's action word, e.g. "scale" */
  action: string;
  /** every path parameter, namespace included */
  params: z.ZodType<P>;
  /** the object acted on, for the audit line */
  target: (params: P) => string;
  /** the body schema (built per request: bounds come from the configuration); absent = no body */
  body?: (config: PodiumConfig) => z.ZodType<B>;
  /** an empty body is read as {} (for actions whose fields are all optional) */
  emptyBodyOk?: boolean;
  run: (input: ActionInput<P, B>) => Promise<ActionDone>;
}

export interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

function fail(
  spec: { action: string },
  where: { namespace: string; name: string },
  outcome: AuditOutcome,
  status: number,
  reason: string,
  message: string,
) {
  audit({ action: spec.action, ...where, outcome, status, detail: `${reason}: ${message}` });
  return jsonError(status, reason, message);
}

/** Wraps an action as a route handler: all of the checks above, the audit line, the error mapping. */
export function actionRoute<P extends { namespace: string }, B = Record<string, never>>(
  spec: ActionSpec<P, B>,
) {
  return async function handler(req: NextRequest, ctx: RouteContext): Promise<NextResponse> {
    const config = getConfig();
    const raw = await ctx.params;
    const where = {
      namespace: typeof raw.namespace === 'string' ? raw.namespace : '',
      name: String(raw.name ?? raw.pod ?? ''),
    };
    try {
      const refusal = checkAccess(req, config, { readOnly: true, token: true });
      if (refusal) throw refusal;

      const ns = namespaceName.safeParse(raw.namespace);
      if (!ns.success) throw new Refusal(400, 'BadRequest', describeIssue(ns.error, 'namespace'));
      if (!namespaceAllowed(ns.data, config.namespaces)) {
        throw new Refusal(
          403,
          'NamespaceNotAllowed',
          `namespace "${ns.data}" is not in Podium's allowlist (PODIUM_NAMESPACES)`,
        );
      }
      const params = spec.params.safeParse(raw);
      if (!params.success) throw new Refusal(400, 'BadRequest', describeIssue(params.error));
      where.name = spec.target(params.data);

      const body = spec.body
        ? await parseBody(req, spec.body(config), spec.emptyBodyOk ?? false)
        : ((await parseBody(req, emptyBody, true)) as B);

      const done = await spec.run({ params: params.data, body, config });
      audit({ action: spec.action, ...where, outcome: 'ok', status: 200, detail: done.detail });
      return NextResponse.json({ ok: true, ...done.data }, { headers: { 'Cache-Control': 'no-store' } });
    } catch (err) {
      if (err instanceof Refusal) return fail(spec, where, 'refused', err.status, err.reason, err.message);
      if (err instanceof K8sError) {
        const outcome = err.status === 401 || err.status === 403 ? 'refused' : 'failed';
        return fail(spec, where, outcome, err.status, err.reason, err.message);
      }
      console.error(`[podium] ${spec.action} failed`, err);
      return fail(
        spec,
        where,
        'failed',
        500,
        'InternalError',
        `unexpected error: ${(err as Error)?.message ?? String(err)}`,
      );
    }
  };
}

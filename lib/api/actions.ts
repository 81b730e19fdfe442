// The browser side of Podium's actions: one fetch wrapper that sends the CSRF token (from
// /api/session, fetched once per page and shared with useSession's SWR cache) and turns an error
// answer into an ActionError carrying the server's status, reason and sentence.
import { CSRF_HEADER, type EndpointAnswer, type Session } from '../models/contract';

export const SESSION_KEY = '/api/session';
export const permissionsKey = (namespace: string) =>
  `/api/namespaces/${encodeURIComponent(namespace)}/permissions`;

export class ActionError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ActionError';
  }
}

let session: Promise<Session> | null = null;

async function fetchSession(): Promise<Session> {
  const res = await fetch(SESSION_KEY, {
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (!res.ok)
    throw new ActionError(
      res.status,
      'SessionUnavailable',
      `could not start a session with Podium (HTTP ${res.status})`,
    );
  return (await res.json()) as Session;
}

/** The SWR fetcher for SESSION_KEY: a fresh read that the action wrapper then reuses. */
export function loadSession(): Promise<Session> {
  const next = fetchSession();
  session = next;
  next.catch(() => {
    if (session === next) session = null;
  });
  return next;
}

function currentSession(): Promise<Session> {
  return session ?? loadSession();
}

async function send<T>(
  method: string,
  path: string,
  body: unknown,
  csrf: string,
): Promise<{
  res: Response;
  json: T | { error?: { status?: number; reason?: string; message?: string } } | null;
}> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      [CSRF_HEADER]: csrf,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { res, json: await res.json().catch(() => null) };
}

/** One action request. A stale CSRF token (cookie expired) is renewed once and the request repeated. */
export async function callAction<T = Record<string, unknown>>(
  method: 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  let { res, json } = await send<T>(method, path, body, (await currentSession()).csrfToken);
  const errorOf = () => (json as { error?: { reason?: string; message?: string } } | null)?.error;
  if (res.status === 403 && errorOf()?.reason === 'BadCsrf') {
    ({ res, json } = await send<T>(method, path, body, (await loadSession()).csrfToken));
  }
  if (!res.ok) {
    const e = errorOf();
    throw new ActionError(
      res.status,
      e?.reason ?? 'Error',
      e?.message ?? `${method} ${path}: HTTP ${res.status}`,
    );
  }
  return json as T;
}

const seg = encodeURIComponent;
const dep = (ns: string, name: string, what: string) =>
  `/api/namespaces/${seg(ns)}/deployments/${seg(name)}/${what}`;

export const scaleDeployment = (ns: string, name: string, replicas: number, force = false) =>
  callAction<{ replicas: number }>(
    'POST',
    dep(ns, name, 'scale'),
    force ? { replicas, force } : { replicas },
  );
export const restartDeployment = (ns: string, name: string) =>
  callAction<{ restartedAt: string }>('POST', dep(ns, name, 'restart'));
export const setImage = (ns: string, name: string, container: string, image: string) =>
  callAction<{ image: string; previous: string | null }>('POST', dep(ns, name, 'image'), {
    container,
    image,
  });
export const setVersion = (ns: string, name: string, container: string, value: string) =>
  callAction<{ env: string; value: string; previous: string | null }>('POST', dep(ns, name, 'version'), {
    container,
    value,
  });
export const rollbackDeployment = (ns: string, name: string, revision: number) =>
  callAction<{ revision: number; skipped: boolean; images: string[] }>('POST', dep(ns, name, 'rollback'), {
    revision,
  });
export const deletePod = (ns: string, pod: string) =>
  callAction('DELETE', `/api/namespaces/${seg(ns)}/pods/${seg(pod)}`);
export const callPodEndpoint = (ns: string, pod: string, endpoint: string) =>
  callAction<{ answer: EndpointAnswer }>(
    'POST',
    `/api/namespaces/${seg(ns)}/pods/${seg(pod)}/endpoints/${seg(endpoint)}`,
  );
export const setHpaBounds = (ns: string, name: string, minReplicas: number, maxReplicas: number) =>
  callAction<{ minReplicas: number; maxReplicas: number }>(
    'PATCH',
    `/api/namespaces/${seg(ns)}/hpas/${seg(name)}`,
    { minReplicas, maxReplicas },
  );
export const unlockActions = (token: string) =>
  callAction<{ unlocked: boolean }>('POST', '/api/session/unlock', { token });
export const lockActions = () => callAction<{ unlocked: boolean }>('DELETE', '/api/session/unlock');

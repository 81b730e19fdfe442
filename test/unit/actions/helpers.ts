// Requests as a browser on Podium's own page would send them, and ways to spoil each part.
import { NextRequest } from 'next/server';
import { newCsrfToken } from '../../../lib/routes/security';

export const ORIGIN = 'http://localhost:3000';
// a signed token minted by this process (no PODIUM_SESSION_KEY in tests: its own random key)
export const CSRF = newCsrfToken();

export interface ReqOptions {
  method?: string;
  origin?: string | null;
  csrfHeader?: string | null;
  csrfCookie?: string | null;
  cookies?: Record<string, string>;
  body?: string | object;
  contentType?: string | null;
  headers?: Record<string, string>;
}

export function request(path: string, o: ReqOptions = {}): NextRequest {
  const headers = new Headers(o.headers);
  if (o.origin !== null) headers.set('origin', o.origin ?? ORIGIN);
  if (o.csrfHeader !== null) headers.set('x-podium-csrf', o.csrfHeader ?? CSRF);
  const cookies = { ...(o.csrfCookie === null ? {} : { podium_csrf: o.csrfCookie ?? CSRF }), ...o.cookies };
  const cookie = Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
  if (cookie) headers.set('cookie', cookie);
  const body =
    o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
  if (body !== undefined && o.contentType !== null)
    headers.set('content-type', o.contentType ?? 'application/json');
  return new NextRequest(new URL(path, ORIGIN), { method: o.method ?? 'POST', headers, body });
}

export function ctx<P extends Record<string, string>>(params: P) {
  return { params: Promise.resolve(params) };
}

export async function errorOf(res: Response): Promise<{ status: number; reason: string; message: string }> {
  const json = (await res.json()) as { error: { status: number; reason: string; message: string } };
  return json.error;
}

/** Runs `fn` with some environment variables set, restoring them afterwards. */
export async function withEnv<T>(
  vars: Record<string, string | undefined>,
  fn: () => Promise<T> | T,
): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

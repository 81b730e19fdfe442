import 'server-only';
import { request } from 'undici';
import { apiUrl, prepare } from '../client';
import { buildPodProxyPath } from '../pods';
import { transportInUse } from '../traffic/transport';
import type { ScrapeTarget } from './targets';

// One scrape of one pod, the way traffic runs reach pods: outside the cluster through the API
// server's pods/proxy with the kubeconfig's own credentials (the user's rights), inside it straight
// to the pod IP. Bounded: SCRAPE_TIMEOUT_MS for the whole answer, MAX_BODY_BYTES read at most
// (the rest is not read; the answer says it was cut).

export const SCRAPE_TIMEOUT_MS = Number(process.env.PODIUM_SCRAPE_TIMEOUT_MS ?? 3_000);
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
const ACCEPT = 'application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4,*/*;q=0.1';

export type ScrapeAnswer = { ok: true; text: string; cutAtBytes?: number } | { ok: false; error: string };

async function readBounded(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number) {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    total += chunk.byteLength;
    if (total >= limit) {
      body.destroy();
      return { text: Buffer.concat(chunks).subarray(0, limit).toString('utf8'), cut: true };
    }
  }
  return { text: Buffer.concat(chunks).toString('utf8'), cut: false };
}

export async function scrapePod(namespace: string, t: ScrapeTarget): Promise<ScrapeAnswer> {
  const direct = transportInUse() === 'cluster-ip';
  if (direct && !t.podIP) return { ok: false, error: 'the pod has no IP yet' };
  let url: string;
  let headers: Record<string, string> = { accept: ACCEPT };
  let dispatcher;
  if (direct) {
    const host = t.podIP!.includes(':') ? `[${t.podIP}]` : t.podIP;
    url = `http://${host}:${t.port}${t.path}`;
  } else {
    url = apiUrl(buildPodProxyPath(namespace, t.pod, t.port, t.path));
    const prepared = await prepare(url, 'GET');
    headers = { ...prepared.headers, ...headers };
    dispatcher = prepared.dispatcher;
  }
  const signal = AbortSignal.timeout(SCRAPE_TIMEOUT_MS);
  try {
    const res = await request(url, {
      method: 'GET',
      headers,
      signal,
      ...(dispatcher ? { dispatcher: dispatcher as never } : {}),
      headersTimeout: SCRAPE_TIMEOUT_MS,
      bodyTimeout: SCRAPE_TIMEOUT_MS,
    });
    if (res.statusCode !== 200) {
      await res.body.dump().catch(() => undefined);
      return { ok: false, error: `${t.path} answered HTTP ${res.statusCode}` };
    }
    const { text, cut } = await readBounded(res.body, MAX_BODY_BYTES);
    return cut ? { ok: true, text, cutAtBytes: MAX_BODY_BYTES } : { ok: true, text };
  } catch (err) {
    if (signal.aborted || (err as Error)?.name?.includes('Timeout'))
      return { ok: false, error: `${t.path} did not answer within ${SCRAPE_TIMEOUT_MS / 1000} s` };
    return { ok: false, error: `${t.path} could not be read: ${(err as Error)?.message ?? String(err)}` };
  }
}

// Test helper: requests through the built-in cluster's gateway (Traefik, scripts/cluster/addons.sh)
// on its loopback entry, with the Host header a route names. Only 127.0.0.1 is ever addressed; the
// loop is bounded in count and time.
import http from 'node:http';
import { kubectlJson, readyEndpoints, waitFor } from './cluster';

export const GATEWAY_ENTRY = { host: '127.0.0.1', port: Number(process.env.PODIUM_GATEWAY_PORT ?? '18080') };

export interface Answer {
  status: number;
  version?: string;
  error?: string;
}

/** One GET of /version with `Host: host` on the loopback entry. */
export function gatewayGet(host: string, agent: http.Agent, timeoutMs = 5_000): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.get(
      { ...GATEWAY_ENTRY, path: '/version', headers: { Host: host }, agent, timeout: timeoutMs },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => {
          let version: string | undefined;
          try {
            version = (JSON.parse(body) as { version?: string }).version;
          } catch {
            // not the demo app's JSON (a 404 from the gateway): no version
          }
          resolve({ status: res.statusCode ?? 0, version });
        });
        res.on('error', (e) => resolve({ status: 0, error: e.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, error: e.message }));
  });
}

/** `count` GETs, `concurrency` at a time, stopping at `deadlineMs`: answers per version. */
export async function measureVersions(
  host: string,
  count: number,
  { concurrency = 4, deadlineMs = 90_000 } = {},
): Promise<{ versions: Record<string, number>; answered: number; failed: number; errors: string[] }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const end = Date.now() + deadlineMs;
  const versions: Record<string, number> = {};
  const errors: string[] = [];
  let next = 0;
  let answered = 0;
  let failed = 0;
  const worker = async () => {
    while (next < count && Date.now() < end) {
      next++;
      const a = await gatewayGet(host, agent);
      if (a.status === 200 && a.version) {
        answered++;
        versions[a.version] = (versions[a.version] ?? 0) + 1;
      } else {
        failed++;
        if (errors.length < 5) errors.push(a.error ?? `HTTP ${a.status}`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return { versions, answered, failed, errors };
}

/** Waits until Traefik runs (kube-system/traefik has a ready endpoint). */
export async function waitForGateway(): Promise<void> {
  await waitFor(
    'Traefik ready (scripts/cluster/addons.sh up)',
    async () => (await readyEndpoints('kube-system', 'traefik')) > 0 || 'no ready traefik endpoint',
    180_000,
    1_000,
  );
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
}

/** Waits until the HTTPRoute is Accepted with its refs resolved by its parent Gateway. */
export async function waitForRoute(ns: string, name: string): Promise<Condition[]> {
  let conditions: Condition[] = [];
  await waitFor(
    `HTTPRoute ${ns}/${name} Accepted and ResolvedRefs`,
    async () => {
      const r = await kubectlJson<{ status?: { parents?: { conditions?: Condition[] }[] } }>([
        '-n',
        ns,
        'get',
        'httproute',
        name,
      ]);
      conditions = r.status?.parents?.[0]?.conditions ?? [];
      const ok = (t: string) => conditions.some((c) => c.type === t && c.status === 'True');
      return (ok('Accepted') && ok('ResolvedRefs')) || JSON.stringify(conditions);
    },
    90_000,
    1_000,
  );
  return conditions;
}

/**
 * Waits until the gateway serves `host` from every backend: a burst of 30 requests all answered by
 * the demo app, with each of `versions` among them. Traefik learns each backend's endpoints on its
 * own watch: one answer from the stable backend says nothing of the canary's (its first requests
 * then get 503 "no available server").
 */
export async function waitForHost(host: string, versions: readonly string[] = []): Promise<void> {
  await waitFor(
    `the gateway answers for host ${host} from ${versions.length > 0 ? versions.join(' and ') : 'the app'}`,
    async () => {
      const r = await measureVersions(host, 30, { concurrency: 3, deadlineMs: 15_000 });
      if (r.failed > 0) return `${r.failed} of 30 failed: ${r.errors.join('; ')}`;
      const missing = versions.filter((v) => !r.versions[v]);
      return missing.length === 0 || `no answer from ${missing.join(', ')} in ${JSON.stringify(r.versions)}`;
    },
    120_000,
    1_000,
  );
}

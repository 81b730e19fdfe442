// Test helper: the built-in Prometheus (scripts/cluster/prometheus.sh) and what its tests share.
import { createServer } from 'node:net';

/** The built-in Prometheus on loopback. */
export const PROM = `http://127.0.0.1:${process.env.PODIUM_PROMETHEUS_PORT ?? '16290'}`;

/** The pod annotations the demo stories carry: Prometheus scrapes port 8080 at /metrics. */
export const SCRAPED = {
  'prometheus.io/scrape': 'true',
  'prometheus.io/port': '8080',
  'prometheus.io/path': '/metrics',
};

/** A loopback port nothing listens on: bound, then closed (a Prometheus that is away). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

// Test helper: an HTTP forward proxy on 127.0.0.1 that sends EVERY request to one loopback port,
// whatever host the browser asked for. A browser context using it opens "http://203.0.113.10:3000/…"
// exactly as a student's laptop would (same URL, same Host and Origin headers) while not one packet
// leaves loopback: the proxy never connects anywhere but 127.0.0.1:<target>. Responses stream
// through as they come (Server-Sent Events included). HTTPS tunnels (CONNECT) are refused.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ForwardProxy {
  /** for playwright's `proxy: { server }` */
  server: string;
  /** the Host header of every request forwarded so far */
  hosts: string[];
  /** requests refused (CONNECT, or not in absolute form) */
  refused: number;
  close: () => Promise<void>;
}

// hop-by-hop headers (RFC 9110 §7.6.1) and the proxy's own: never forwarded
const HOP = new Set([
  'proxy-connection',
  'proxy-authorization',
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'upgrade',
]);

export async function startForwardProxy(targetPort: number): Promise<ForwardProxy> {
  const state = { hosts: [] as string[], refused: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      state.refused++;
      res.writeHead(400).end('absolute-form request URL expected (this is a proxy)');
      return;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !HOP.has(k)));
    state.hosts.push(String(req.headers.host ?? ''));
    const upstream = request(
      // the one place this helper connects to: Podium's loopback port
      {
        host: '127.0.0.1',
        port: targetPort,
        method: req.method,
        path: target.pathname + target.search,
        headers,
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502).end(`proxy: ${err.message}`);
      else res.destroy();
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (_req, socket: Socket) => {
    state.refused++;
    socket.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy: no port');
  return {
    server: `http://127.0.0.1:${address.port}`,
    get hosts() {
      return state.hosts;
    },
    get refused() {
      return state.refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

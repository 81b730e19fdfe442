// WebSocket echo on /ws: the websockets story's app. Each message waits out an inemuri, then
// blocks the event loop ECHO_DELAY_MS (so one pod saturates), then goes back unchanged.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { blockEventLoop } from './load.ts';
import { MAX_BODY_BYTES, requestUrl, type AppContext } from './routes.ts';

export const WS_PATH = '/ws';

export interface EchoSockets {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void>;
  /** start the closing handshake on every open WebSocket */
  closeAll(code: number, reason: string): void;
  /** drop every connection without a closing handshake */
  terminateAll(): void;
  readonly size: number;
}

export function createEchoSockets(ctx: AppContext, extraHeaders: () => string[]): EchoSockets {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BODY_BYTES });
  wss.on('headers', (headers) => headers.push(...extraHeaders()));

  wss.on('connection', (ws) => {
    const openedAt = performance.now();
    let messages = 0;
    ctx.metrics.websocketOpened();
    ctx.log('ws_open', { clients: wss.clients.size });
    ws.on('message', async (data, isBinary) => {
      await ctx.inemuri.awake();
      blockEventLoop(ctx.echoDelayMs);
      if (ws.readyState !== ws.OPEN) return;
      ws.send(data, { binary: isBinary });
      messages++;
      ctx.metrics.countWebsocketMessage();
    });
    ws.on('close', (code) => {
      ctx.metrics.websocketClosed();
      ctx.log('ws_close', { code, messages, ms: Math.round(performance.now() - openedAt) });
    });
    ws.on('error', (err) => ctx.log('ws_error', { message: err.message }));
  });

  return {
    async handleUpgrade(req, socket, head) {
      if (requestUrl(req)?.pathname !== WS_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      await ctx.inemuri.awake();
      if (ctx.readiness().reason === 'starting') {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    closeAll(code, reason) {
      for (const ws of wss.clients) ws.close(code, reason);
    },
    terminateAll() {
      for (const ws of wss.clients) ws.terminate();
    },
    get size() {
      return wss.clients.size;
    },
  };
}

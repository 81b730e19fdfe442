// Shared by the demo app's tests: a real child process, real sockets, bounded waits.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAIN = join(REPO_ROOT, 'demo', 'src', 'main.ts');

export type LogLine = { event: string } & Record<string, unknown>;

export interface DemoProcess {
  child: ChildProcess;
  url: string;
  /** JSON log lines read from stdout so far */
  logs: LogLine[];
  /** exit code (or null when killed by a signal), within a bound */
  exited(timeoutMs?: number): Promise<number | null>;
}

/** Runs `node demo/src/main.ts` on 127.0.0.1 with a free port; resolves once it logged "start". */
export async function spawnDemo(env: Record<string, string> = {}, timeoutMs = 10_000): Promise<DemoProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env };
  delete childEnv.NODE_TEST_CONTEXT;
  delete childEnv.NODE_OPTIONS;
  const child = spawn(process.execPath, [MAIN], {
    cwd: REPO_ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const started = new Promise<number>((resolve, reject) => {
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const parsed = JSON.parse(line) as LogLine;
        logs.push(parsed);
        if (parsed.event === 'start') resolve(parsed.port as number);
      }
    });
    void exit.then((code) =>
      reject(new Error(`demo exited with ${code} before starting: ${stderr}${JSON.stringify(logs)}`)),
    );
  });
  const port = await withTimeout(started, timeoutMs, 'demo did not log "start"');
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    logs,
    exited: (ms = 15_000) => withTimeout(exit, ms, 'demo did not exit'),
  };
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  const controller = new AbortController();
  const timeout = sleep(ms, undefined, { signal: controller.signal }).then(
    () => Promise.reject(new Error(`${message} within ${ms} ms`)),
    () => undefined as never,
  );
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    controller.abort();
  }
}

/** Polls until check returns a value other than undefined, at most timeoutMs. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await sleep(50);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

/** true when a fresh TCP connection to the port is refused */
export function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

export function openWebSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + '/ws');
  return withTimeout(
    new Promise((resolve, reject) => {
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    }),
    5000,
    'WebSocket did not open',
  );
}

/** The next message on ws, as text (or a Buffer when binary). */
export function nextMessage(ws: WebSocket, timeoutMs = 5000): Promise<string | Buffer> {
  return withTimeout(
    new Promise((resolve) =>
      ws.once('message', (data: Buffer, isBinary: boolean) => resolve(isBinary ? data : data.toString())),
    ),
    timeoutMs,
    'no WebSocket message',
  );
}

export function closed(ws: WebSocket, timeoutMs = 10_000): Promise<{ code: number; reason: string }> {
  return withTimeout(
    new Promise((resolve) =>
      ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    ),
    timeoutMs,
    'WebSocket did not close',
  );
}

/** Value of an unlabelled or exactly-labelled series in a Prometheus text page, or undefined. */
export function metricValue(page: string, series: string): number | undefined {
  const line = page.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

// The demo app as a child process on 127.0.0.1 (the stand-in for a ClusterIP: Podium in the
// cluster), for the traffic benchmarks. Its port comes from its own "start" log line.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export async function demoApp(env: Record<string, string> = {}): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [join(ROOT, 'demo/src/main.ts')], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', APP_VERSION: 'bench', NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let buffered = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the demo app did not start in 10 s')), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const m = /"event":"start"[^\n]*"port":(\d+)/.exec(buffered);
      if (m) {
        clearTimeout(timer);
        child.stdout.removeAllListeners('data');
        child.stdout.resume(); // its request log is drained, not parsed
        resolve(Number(m[1]));
      }
    });
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGKILL') };
}

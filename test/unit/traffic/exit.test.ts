// Every run stops when Podium stops: a process running a load run gets SIGTERM and exits at once,
// and no request reaches the target afterwards (lib/k8s/traffic/runs.ts's exit hooks).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { describe, it } from 'node:test';

describe('traffic runs and the process', () => {
  it(
    'SIGTERM stops the run and the process (the signal keeps its default meaning)',
    { timeout: 30_000 },
    async () => {
      let hits = 0;
      const server = createServer((_req, res) => {
        hits++;
        res.end('ok');
      });
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const { port } = server.address() as { port: number };
      const env = { ...process.env };
      delete env.NODE_TEST_CONTEXT;
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '--conditions=react-server',
          join(import.meta.dirname, 'fixtures', 'load-then-wait.ts'),
          `http://127.0.0.1:${port}`,
        ],
        { env, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.on('data', (d: Buffer) => d.toString().includes('running') && resolve());
          child.once('exit', (code) => reject(new Error(`exited early (${code})`)));
        });
        // the run is sending: wait (bounded) for a few answers, however loaded the machine is
        for (let i = 0; i < 100 && hits <= 5; i++) await new Promise((r) => setTimeout(r, 100));
        assert.ok(hits > 5, `requests before the signal: ${hits}`);
        const t0 = Date.now();
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        const [code, signal] = (await exited) as [number | null, string | null];
        assert.ok(Date.now() - t0 < 2_000, 'exits at once');
        assert.deepEqual([code, signal], [null, 'SIGTERM']);
        const after = hits;
        await new Promise((r) => setTimeout(r, 300));
        assert.equal(hits, after, 'no request after the process stopped');
      } finally {
        child.kill('SIGKILL');
        server.close();
      }
    },
  );
});

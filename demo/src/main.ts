// Entry point of the demo app: `node src/main.ts` (Node 24 strips the types).
import { readConfig } from './config.ts';
import { jsonLogger } from './log.ts';
import { startServer } from './server.ts';

const log = jsonLogger();

process.on('uncaughtException', (err) => {
  log('crash', { message: err.message });
  process.exit(1);
});

let config;
try {
  config = readConfig(process.env);
} catch (err) {
  log('config_error', { message: err instanceof Error ? err.message : String(err) });
  process.exit(2);
}

const app = await startServer({ ...config, log, onSeppuku: () => process.exit(1) });

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    log('signal', { signal });
    void app.shutdown().then((result) => {
      const code = result === 'graceful' ? 0 : 1;
      log('exit', { code, result });
      process.exit(code);
    });
  });
}

// Test helper: the demo image of the current demo/ sources on the real node. scripts/cluster/images.sh
// caches the archive by a hash of demo/src (a change rebuilds it, a few seconds); importing the
// same tag (podium-demo:1.0.0) again moves it to the new digest: running pods keep theirs, new pods
// (imagePullPolicy IfNotPresent) get the new one. CI's cluster:up imports the current one anyway.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CLUSTER_DIR, ROOT } from './cluster';

const run = promisify(execFile);
let done: Promise<string> | null = null;

/** Builds (if needed) and imports the current demo image once per test process; the archive path. */
export function currentDemoImage(): Promise<string> {
  done ??= (async () => {
    const { stdout } = await run('bash', [join(ROOT, 'scripts/cluster/images.sh'), 'demo'], {
      timeout: 10 * 60_000,
      maxBuffer: 1 << 20,
    });
    const archive = stdout.trim().split('\n').at(-1) ?? '';
    const sock = join(CLUSTER_DIR, 'node', 'containerd', 'containerd.sock');
    const ctr = [
      '--connect-timeout',
      '3s',
      '-a',
      sock,
      '-n',
      'k8s.io',
      'images',
      'import',
      '--no-unpack=false',
    ];
    await run('ctr', [...ctr, archive], { timeout: 5 * 60_000 });
    return archive;
  })();
  return done;
}

/** The pod annotations of a demo app whose metrics Podium (and Prometheus) may scrape at `path`. */
export const scrapeAnnotations = (path = '/metrics') => ({
  'prometheus.io/scrape': 'true',
  'prometheus.io/port': '8080',
  'prometheus.io/path': path,
});

/** demoDeployment's `container`: Ready once the app answers /readyz (a loaded machine can take seconds to start it). */
export const READY_WHEN_LISTENING = `        readinessProbe:
          httpGet: {path: /readyz, port: http}
          periodSeconds: 1`;

// The demo stories left alone on a loaded machine (issue 20): a teacher's story must fail only when
// the teacher makes it fail. Every story is deployed as `scripts/start.sh` deploys it
// (scripts/demo-up.sh: one namespace each, on the real node), the test suite's unit tests run over
// and over beside it as load (or CPU spinners, or nothing), and each minute the containers' restart
// counts are compared with the start. At the end: every restart and every pod replaced that nobody
// asked for, with the kubelet's reason (the last termination, the pod's Unhealthy/Killing events).
// Prints figures, asserts nothing.
//
//   node --import tsx bench/stories-soak.ts [--minutes 10] [--beside unit|cpu|none]
//
// Sends no request anywhere: the load is CPU on this machine, the probes are the kubelet's own.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KUBECONFIG, ROOT, kubectlJson } from '../test/helpers/cluster';
import { record, save, note } from './lib/report';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    beside: { type: 'string', default: 'unit' },
  },
});
const minutes = Number(values.minutes);
const beside = values.beside;
if (!(minutes > 0 && minutes <= 120)) throw new Error('--minutes: 1 to 120');
if (!['unit', 'cpu', 'none'].includes(beside)) throw new Error('--beside: unit, cpu or none');

interface Container {
  name: string;
  ready: boolean;
  restartCount: number;
  lastState?: { terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string } };
}
interface StoryPod {
  metadata: { namespace: string; name: string; uid: string; deletionTimestamp?: string };
  status: { phase?: string; containerStatuses?: Container[] };
}
interface KubeEvent {
  reason?: string;
  message?: string;
  count?: number;
  involvedObject: { name?: string; uid?: string };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load1 = () => loadavg()[0] ?? 0;

async function storyPods(): Promise<StoryPod[]> {
  const all = (await kubectlJson<{ items: StoryPod[] }>(['get', 'pods', '-A'])).items;
  return all.filter((p) => p.metadata.namespace.startsWith('demo-') && !p.metadata.deletionTimestamp);
}

const key = (p: StoryPod, c: Container) => `${p.metadata.namespace}/${p.metadata.name}/${c.name}`;
const allReady = (p: StoryPod) =>
  p.status.phase === 'Running' && (p.status.containerStatuses ?? []).every((c) => c.ready);

/** The load beside the stories: the unit suite over and over, or one CPU spinner per core. */
function startLoad(): () => void {
  const children = new Set<ChildProcess>();
  let stopped = false;
  const keep = (start: () => ChildProcess) => {
    const c = start();
    children.add(c);
    c.once('exit', () => {
      children.delete(c);
      if (!stopped) keep(start);
    });
  };
  if (beside === 'unit')
    keep(() => spawn('npm', ['run', '--silent', 'test:unit'], { cwd: ROOT, stdio: 'ignore', detached: true }));
  if (beside === 'cpu')
    for (let i = 0; i < cpus().length; i++)
      keep(() => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore', detached: true }));
  return () => {
    stopped = true;
    for (const c of children)
      if (c.pid)
        try {
          process.kill(-c.pid, 'SIGKILL');
        } catch {
          // already gone
        }
  };
}

async function main(): Promise<void> {
  note('stories-soak', `deploying the stories (scripts/demo-up.sh), ${cpus().length} cores`);
  await new Promise<void>((resolve, reject) => {
    const c = spawn('bash', [join(ROOT, 'scripts/demo-up.sh')], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, KUBECONFIG },
    });
    c.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`demo-up.sh exited ${code}`))));
  });
  const readyBy = Date.now() + 5 * 60_000;
  let pods = await storyPods();
  while (Date.now() < readyBy && !(pods.length > 0 && pods.every(allReady))) {
    await sleep(2_000);
    pods = await storyPods();
  }
  const notReady = pods.filter((p) => !allReady(p)).map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
  record('stories-soak', 'story pods ready at the start', `${pods.length - notReady.length} of ${pods.length}`);
  if (notReady.length) note('stories-soak', `not ready at the start: ${notReady.join(', ')}`);

  const start = new Map<string, number>();
  const uids = new Set(pods.map((p) => p.metadata.uid));
  for (const p of pods) for (const c of p.status.containerStatuses ?? []) start.set(key(p, c), c.restartCount);

  const stopLoad = startLoad();
  const loads: number[] = [];
  let last = pods;
  try {
    for (let m = 1; m <= minutes; m++) {
      const minuteEnds = Date.now() + 60_000;
      while (Date.now() < minuteEnds) {
        await sleep(5_000);
        loads.push(load1());
      }
      last = await storyPods();
      const restarts = last.flatMap((p) =>
        (p.status.containerStatuses ?? []).filter((c) => c.restartCount > (start.get(key(p, c)) ?? 0)),
      ).length;
      const replaced = last.filter((p) => !uids.has(p.metadata.uid)).length;
      note(
        'stories-soak',
        `minute ${m}: load ${load1().toFixed(1)}; containers restarted ${restarts}; pods new since the start ${replaced}`,
      );
    }
  } finally {
    stopLoad();
  }

  const restarted = last.flatMap((p) =>
    (p.status.containerStatuses ?? [])
      .filter((c) => c.restartCount > (start.get(key(p, c)) ?? 0))
      .map((c) => ({ p, c, times: c.restartCount - (start.get(key(p, c)) ?? 0) })),
  );
  const replaced = last.filter((p) => !uids.has(p.metadata.uid));
  const mean = loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length);
  record(
    'stories-soak',
    `load average (1 min) beside the stories, ${beside}`,
    `mean ${mean.toFixed(1)}, max ${Math.max(...loads).toFixed(1)} on ${cpus().length} cores`,
  );
  record(
    'stories-soak',
    `restarts nobody asked for in ${minutes} min (${pods.length} pods)`,
    String(restarted.reduce((a, r) => a + r.times, 0)),
    '0',
    restarted.length === 0,
  );
  record('stories-soak', 'pods replaced nobody asked for', String(replaced.length), '0', replaced.length === 0);
  for (const { p, c, times } of restarted) {
    const t = c.lastState?.terminated;
    const events = (
      await kubectlJson<{ items: KubeEvent[] }>([
        '-n',
        p.metadata.namespace,
        'get',
        'events',
        '--field-selector',
        `involvedObject.uid=${p.metadata.uid}`,
      ])
    ).items.filter((e) => e.reason === 'Unhealthy' || e.reason === 'Killing' || e.reason === 'BackOff');
    note(
      'stories-soak',
      `${key(p, c)} restarted ${times}×; last ended ${t?.reason ?? '?'} exit ${t?.exitCode ?? '?'}; ` +
        events.map((e) => `${e.reason} ×${e.count ?? 1}: ${(e.message ?? '').slice(0, 160)}`).join(' | '),
    );
  }
  for (const p of replaced) note('stories-soak', `new pod ${p.metadata.namespace}/${p.metadata.name}`);
  console.log(`figures: ${save({ bench: 'stories-soak', minutes, beside })}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

// Podium's benchmarks: print numbers beside their targets, assert nothing. One command on a fresh
// clone, with the local cluster up (npm run cluster:up): `npm run bench`. It builds Podium when its
// build is missing or older than the sources, starts it on a loopback port, runs Chromium
// (/usr/bin/chromium or CHROMIUM_PATH), and deletes its namespace and kwok nodes at the end.
//
//   npm run bench -- --only dom,freshness,churn,first-load,server,streams,soak   (default: all; soak last)
//                    --pods 1000,10000 --tabs 1,20 --changes 20
//                    --rate 100 --churn-seconds 60 --viewers 30
//                    --minutes 60 --soak-pods 1000 --soak-rate 20  --build (rebuild anyway)
//
// Figures: bench/results/run-<time>.json and .md. What each measures: docs/performance.md.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import type { Podium } from '../test/helpers/podium';
import { launchBrowser } from '../test/helpers/podium';
import { churnBench } from './churn';
import { domBench } from './dom';
import { firstLoadBench } from './first-load';
import { freshnessBench } from './freshness';
import { streamsBench } from './streams';
import { closeApi, requireCluster, scaleDeployment } from './lib/api';
import type { BenchArgs, BenchContext } from './lib/context';
import { cleanUp, createNamespace, deploy, scaleAndWait, type BenchNamespace } from './lib/pods';
import { machine, note, save } from './lib/report';
import { ensureBuild, startBenchPodium } from './lib/server';
import { serverBench } from './server-load';
import { soakBench } from './soak';

const ALL = ['first-load', 'dom', 'freshness', 'churn', 'server', 'streams', 'soak'];
/** The benches run once per --pods count. */
const PER_COUNT = ['dom', 'freshness', 'churn', 'server', 'streams'];
const { values } = parseArgs({
  options: {
    only: { type: 'string', default: ALL.join(',') },
    pods: { type: 'string', default: '1000,10000' },
    tabs: { type: 'string', default: '1,20' },
    changes: { type: 'string', default: '20' },
    rate: { type: 'string', default: '100' },
    'churn-seconds': { type: 'string', default: '60' },
    viewers: { type: 'string', default: '30' },
    minutes: { type: 'string', default: '60' },
    'soak-pods': { type: 'string', default: '1000' },
    'soak-rate': { type: 'string', default: '20' },
    build: { type: 'boolean', default: false },
  },
});
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const nums = (s: string) => list(s).map(Number);
const args: BenchArgs = {
  only: new Set(list(values.only).map((x) => (x === 'firstload' ? 'first-load' : x))),
  pods: nums(values.pods).sort((a, b) => a - b),
  tabs: nums(values.tabs),
  changes: Number(values.changes),
  rate: Number(values.rate),
  churnSeconds: Number(values['churn-seconds']),
  viewers: Number(values.viewers),
  minutes: Number(values.minutes),
  soakPods: Number(values['soak-pods']),
  soakRate: Number(values['soak-rate']),
};
for (const o of args.only)
  if (!ALL.includes(o)) throw new Error(`--only: unknown "${o}" (one of ${ALL.join(', ')})`);
if (
  [...args.pods, ...args.tabs, args.changes, args.rate, args.viewers, args.minutes, args.soakPods].some(
    (n) => !(n > 0),
  )
)
  throw new Error(
    '--pods, --tabs, --changes, --rate, --viewers, --minutes and --soak-pods take positive numbers',
  );

async function main(): Promise<void> {
  const m = machine();
  console.log(`Podium benchmarks on ${m.cores} cores (load ${m.load}); ${[...args.only].join(', ')}`);
  await requireCluster();
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium))
    throw new Error(`no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH)`);
  ensureBuild(values.build);

  let bench: BenchNamespace | undefined;
  let podium: Podium | undefined;
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close().catch(() => undefined);
    await podium?.stop();
    if (bench) await cleanUp(bench);
    await closeApi();
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => void stop().then(() => process.exit(130)));
  try {
    const perCount = PER_COUNT.some((b) => args.only.has(b)) ? args.pods : [];
    const most = Math.max(0, ...(args.only.has('soak') ? [args.soakPods] : []), ...perCount) + 200;
    bench = await createNamespace(most);
    note('setup', `namespace ${bench.ns}`);
    await deploy(bench, 'marker', 0);
    await deploy(bench, 'web', 5);
    await deploy(bench, 'big', 0);
    await scaleAndWait(bench, 'web', 5, 900_000);
    // the stream carries its hops' times only for the freshness bench (lib/k8s/feed.ts: TRACE)
    podium = await startBenchPodium(args.only.has('freshness') ? { PODIUM_DEBUG_TIMING: '1' } : {});
    browser = await launchBrowser();
    const c: BenchContext = { args, browser, podium, bench };
    if (args.only.has('first-load')) await firstLoadBench(c);
    for (const pods of args.pods) {
      if (!PER_COUNT.some((b) => args.only.has(b))) break;
      note(
        'setup',
        `${pods} pods ready after ${(await scaleAndWait(bench, 'big', pods, 1_800_000)).toFixed(0)} s`,
      );
      if (args.only.has('dom')) await domBench(c, pods);
      if (args.only.has('freshness')) await freshnessBench(c, pods);
      if (args.only.has('churn')) await churnBench(c, pods);
      if (args.only.has('server')) await serverBench(c, pods);
      if (args.only.has('streams')) await streamsBench(c, pods);
    }
    if (args.only.has('soak')) {
      await scaleDeployment(bench.ns, 'big', 0);
      await soakBench(c);
    }
  } finally {
    await stop();
    console.log(`figures: ${save({ ...args, only: [...args.only] })}`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

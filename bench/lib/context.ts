// What every sub-benchmark gets: the flags, the browser, Podium and the run's namespace.
import type { Browser } from 'playwright-core';
import type { Podium } from '../../test/helpers/podium';
import type { BenchNamespace } from './pods';

export interface BenchArgs {
  only: Set<string>;
  pods: number[];
  tabs: number[];
  changes: number;
  rate: number;
  churnSeconds: number;
  viewers: number;
  minutes: number;
  soakPods: number;
  soakRate: number;
}

export interface BenchContext {
  args: BenchArgs;
  browser: Browser;
  podium: Podium;
  bench: BenchNamespace;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The page of the run's big Deployment, and the overview. */
export const deploymentUrl = (c: BenchContext, name = 'big') =>
  `${c.podium.url}/ns/${c.bench.ns}/deployments/${name}`;
export const overviewUrl = (c: BenchContext) => `${c.podium.url}/ns/${c.bench.ns}`;
export const HEADER = '[data-testid="deployment-header"]';

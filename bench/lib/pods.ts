// The benchmarks' pods: a namespace h-bench-<id> whose Deployments run on the run's own kwok nodes
// (test/helpers/kwok-pods.ts: tainted for this run, 2,600 pods each; the cluster's three built-in
// kwok nodes take 500 pods each and are shared with the tests). `cleanUp` deletes both.
import { apply, kubectl } from '../../test/helpers/cluster';
import {
  createLargeNodes,
  deleteLargeNodes,
  largeDeploymentYaml,
  type LargeNodes,
} from '../../test/helpers/kwok-pods';
import { apiGet, apiPatch, listPodNames, scaleDeployment } from './api';

const PODS_PER_NODE = 2_600;

export interface BenchNamespace {
  ns: string;
  nodes: LargeNodes;
}

/** The namespace and enough kwok nodes for `pods` pods at once. */
export async function createNamespace(pods: number, prefix = 'h-bench'): Promise<BenchNamespace> {
  const ns = `${prefix}-${Date.now().toString(36)}`;
  await kubectl(['create', 'namespace', ns]);
  const nodes = await createLargeNodes(ns, Math.max(1, Math.ceil(pods / PODS_PER_NODE)), PODS_PER_NODE);
  return { ns, nodes };
}

export async function deploy(b: BenchNamespace, name: string, replicas: number): Promise<void> {
  await apply(b.ns, largeDeploymentYaml(name, replicas, b.nodes.tag));
}

/**
 * Scales `name` to `replicas` and waits (bounded) until that many pods exist; returns the seconds.
 * Podium shows and streams a pod from its creation, so a benchmark needs the pods, not their
 * readiness: kwok readies them a few a second on a loaded machine, and those changes go on during
 * the measurement like any other.
 */
export async function scaleAndWait(
  b: BenchNamespace,
  name: string,
  replicas: number,
  timeoutMs: number,
): Promise<number> {
  await scaleDeployment(b.ns, name, replicas);
  const t0 = Date.now();
  let seen = 'nothing yet';
  while (Date.now() - t0 < timeoutMs) {
    const d = JSON.parse(await apiGet(`/apis/apps/v1/namespaces/${b.ns}/deployments/${name}`)) as {
      status?: { replicas?: number; readyReplicas?: number };
    };
    seen = `${d.status?.replicas ?? 0} pods, ${d.status?.readyReplicas ?? 0} ready`;
    if ((d.status?.replicas ?? 0) === replicas) return (Date.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 2_000));
  }
  throw new Error(`${b.ns}/${name}: not ${replicas} pods after ${timeoutMs / 1000} s (${seen})`);
}

/**
 * Deletes the namespace, then the nodes once kwok has finished the pods (bounded: 3 minutes). A pod
 * whose kwok node is already gone stays Terminating until the pod garbage collector forces it out.
 */
export async function cleanUp(b: BenchNamespace): Promise<void> {
  await kubectl(['delete', 'namespace', b.ns, '--wait=false']).catch(() => undefined);
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const left = await listPodNames(b.ns, undefined, true).catch(() => new Set<string>());
    if (left.size === 0) break;
    await new Promise((r) => setTimeout(r, 3_000));
  }
  await deleteLargeNodes(b.nodes);
}

export interface ChurnResult {
  sent: number;
  failed: number;
  seconds: number;
  perSecond: number;
}

/**
 * Pod changes at `rate` per second for `seconds` (at most rate × seconds requests, 32 in flight):
 * a merge patch of one label on a pod of `selector`, round robin. Labels are part of what Podium
 * shows of a pod, so each patch is a real change on every viewer's stream. It ends after twice
 * `seconds` whatever was sent (the caller reports the rate reached), or when `stop()` says so.
 */
export async function churn(
  ns: string,
  selector: string,
  rate: number,
  seconds: number,
  stop: () => boolean = () => false,
): Promise<ChurnResult> {
  const names = [...(await listPodNames(ns, selector))];
  if (names.length === 0) throw new Error(`no pods to churn in ${ns} (${selector})`);
  const total = Math.round(rate * seconds);
  const t0 = Date.now();
  let sent = 0;
  let failed = 0;
  const inflight = new Set<Promise<void>>();
  const deadline = t0 + 2_000 * seconds; // a loaded API server gets twice the time, no more
  for (let i = 0; i < total && !stop() && Date.now() < deadline; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inflight.size >= 32) await Promise.race(inflight);
    const name = names[i % names.length];
    const p: Promise<void> = apiPatch(`/api/v1/namespaces/${ns}/pods/${name}`, {
      metadata: { labels: { 'bench-churn': String(i) } },
    })
      .then(
        () => undefined,
        () => void failed++,
      )
      .finally(() => inflight.delete(p));
    inflight.add(p);
    sent++;
  }
  await Promise.all(inflight);
  const secs = (Date.now() - t0) / 1000;
  return { sent, failed, seconds: secs, perSecond: (sent - failed) / secs };
}

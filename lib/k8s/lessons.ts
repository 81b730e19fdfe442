import 'server-only';
import { LESSON_LABEL, FIELD_MANAGER, namespaceBody, planApply } from '../lessons/apply-plan';
import { LESSON_MANIFESTS } from '../lessons/manifests/bundle';
import {
  ANNOTATIONS,
  cpuPatch,
  nodesAreSimulated,
  podsAreSimulated,
  readyPatch,
  restartPatch,
  type SimulatedCluster,
} from '../models/simulation';
import type { Simulation } from '../models/contract';
import type { RawNamespace, RawNode } from '../models/meta';
import type { RawPod } from '../models/pod';
import { APPLY_PATCH, k8sRequest, MERGE_PATCH } from './client';
import { K8sError } from './errors';
import { listPods } from './pods';

// The Lessons' writes: set a story up in its namespace (server-side apply of the rendered
// manifests), delete that namespace again, and the built-in cluster's simulations (pod
// annotations the kwok stages act on). The routes check the lesson prefix before calling these.

const nsPath = (ns: string) => `/api/v1/namespaces/${ns}`;
const applyQuery = { fieldManager: FIELD_MANAGER, force: true };

/**
 * Creates or labels the namespace, then applies every object of the story into it. The stories'
 * pods are pinned to the built-in cluster's real node; on a cluster without one they run anywhere.
 */
export async function setUpLesson(namespace: string, story: string): Promise<{ objects: string[] }> {
  const yaml = LESSON_MANIFESTS[story];
  if (yaml === undefined) throw new K8sError(404, 'StoryNotFound', `there is no lesson "${story}"`);
  const { realNode } = await clusterSimulation();
  const plan = planApply(yaml, namespace, { realNode: realNode !== null });
  const ns = await k8sRequest<RawNamespace>(nsPath(namespace), {
    method: 'PATCH',
    query: applyQuery,
    body: namespaceBody(namespace, story),
    contentType: APPLY_PATCH,
    what: `create namespace ${namespace}`,
  });
  if (ns.status?.phase === 'Terminating') {
    throw new K8sError(
      409,
      'NamespaceTerminating',
      `namespace ${namespace} is still being deleted: set the lesson up again once it is gone`,
    );
  }
  const objects: string[] = [];
  for (const req of plan) {
    await k8sRequest(req.path, {
      method: 'PATCH',
      query: applyQuery,
      body: req.body,
      contentType: APPLY_PATCH,
      what: `apply ${req.what}`,
    });
    objects.push(req.what);
  }
  return { objects };
}

/** Deletes a namespace that a lesson set-up labelled; anything else is refused. */
export async function cleanUpLesson(namespace: string): Promise<{ alreadyDeleting: boolean }> {
  const ns = await k8sRequest<RawNamespace>(nsPath(namespace), { what: `get namespace ${namespace}` });
  if (!ns.metadata?.labels?.[LESSON_LABEL]) {
    throw new K8sError(
      409,
      'NotALesson',
      `namespace ${namespace} was not set up as a lesson (no label ${LESSON_LABEL}): Podium deletes only namespaces it set up`,
    );
  }
  if (ns.status?.phase === 'Terminating') return { alreadyDeleting: true };
  await k8sRequest(nsPath(namespace), {
    method: 'DELETE',
    query: { propagationPolicy: 'Background' },
    what: `delete namespace ${namespace}`,
  });
  return { alreadyDeleting: false };
}

/** Which of the cluster's nodes are kwok's (simulations allowed on their pods) and which is real. */
export async function clusterSimulation(): Promise<SimulatedCluster> {
  try {
    const list = await k8sRequest<{ items?: RawNode[] }>('/api/v1/nodes', {
      what: 'list nodes',
    });
    return nodesAreSimulated(list.items ?? []);
  } catch (err) {
    if (err instanceof K8sError && (err.status === 401 || err.status === 403)) {
      return {
        simulated: false,
        simulatedNodes: [],
        realNode: null,
        reason: `cannot tell which nodes are simulated: ${err.message}`,
      };
    }
    throw err;
  }
}

function patchPod(namespace: string, pod: string, body: unknown, what: string) {
  return k8sRequest(`/api/v1/namespaces/${namespace}/pods/${pod}`, {
    method: 'PATCH',
    body,
    contentType: MERGE_PATCH,
    what,
  });
}

async function runningPod(namespace: string, name: string): Promise<RawPod> {
  const pod = await k8sRequest<RawPod>(`/api/v1/namespaces/${namespace}/pods/${name}`, {
    what: `get pod ${name}`,
  });
  if (pod.metadata?.deletionTimestamp)
    throw new K8sError(409, 'PodTerminating', `pod ${name} is terminating`);
  if (pod.status?.phase !== 'Running')
    throw new K8sError(409, 'PodNotRunning', `pod ${name} is ${pod.status?.phase ?? 'not running yet'}`);
  return pod;
}

/**
 * Simulations act only on pods that kwok runs; a pod on a real node runs a real process, which the
 * app's own endpoints drive (and an annotation would do nothing, or mislead).
 */
async function requireSimulatedPods(pods: readonly RawPod[], what: string): Promise<void> {
  const { simulatedNodes } = await clusterSimulation();
  if (
    podsAreSimulated(
      pods.map((p) => p.spec?.nodeName),
      simulatedNodes,
    )
  )
    return;
  const real = pods.find((p) => !p.spec?.nodeName || !simulatedNodes.includes(p.spec.nodeName));
  const where = real?.spec?.nodeName ? `runs for real on node ${real.spec.nodeName}` : 'is not scheduled yet';
  throw new K8sError(
    409,
    'NotSimulated',
    `simulations act only on pods on simulated (kwok) nodes: ${what} ${where}; use the app's own endpoints (Hang, Crash) or real load instead`,
  );
}

export interface SimulationDone {
  pods: string[];
  detail: string;
}

/** One simulation, on pods that kwok runs (409 NotSimulated for a pod on a real node). */
export async function simulate(namespace: string, sim: Simulation): Promise<SimulationDone> {
  switch (sim.simulation) {
    case 'restart': {
      const pod = await runningPod(namespace, sim.pod);
      await requireSimulatedPods([pod], `pod ${sim.pod}`);
      const count = pod.status?.containerStatuses?.[0]?.restartCount ?? 0;
      const pending = Number(pod.metadata?.annotations?.[ANNOTATIONS.restarts]);
      const patch = restartPatch(count, Number.isInteger(pending) ? pending : null, sim.reason);
      await patchPod(namespace, sim.pod, patch, `simulate a restart of pod ${sim.pod}`);
      return {
        pods: [sim.pod],
        detail: `restart ${sim.reason} -> restartCount ${patch.metadata.annotations[ANNOTATIONS.restarts]}`,
      };
    }
    case 'ready': {
      await requireSimulatedPods([await runningPod(namespace, sim.pod)], `pod ${sim.pod}`);
      await patchPod(namespace, sim.pod, readyPatch(sim.ready), `simulate readiness of pod ${sim.pod}`);
      return { pods: [sim.pod], detail: `ready=${sim.ready}` };
    }
    case 'cpu': {
      const dep = await k8sRequest<{ spec?: { selector?: { matchLabels?: Record<string, string> } } }>(
        `/apis/apps/v1/namespaces/${namespace}/deployments/${sim.deployment}`,
        { what: `get deployment ${sim.deployment}` },
      );
      const selector = Object.entries(dep.spec?.selector?.matchLabels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      if (!selector)
        throw new K8sError(409, 'NoSelector', `deployment ${sim.deployment} has no matchLabels selector`);
      const list = await listPods(namespace, selector);
      const live = list.filter((p) => !p.metadata?.deletionTimestamp && p.metadata?.name);
      if (live.length === 0)
        throw new K8sError(409, 'NoPods', `deployment ${sim.deployment} has no pods to load`);
      await requireSimulatedPods(live, `a pod of deployment ${sim.deployment}`);
      const pods = live.map((p) => p.metadata!.name!);
      const patch = cpuPatch(sim.cpuMilli);
      // a pod deleted meanwhile is no reason to fail the others
      await Promise.all(
        pods.map((p) =>
          patchPod(namespace, p, patch, `set the CPU usage of pod ${p}`).catch((err: unknown) => {
            if (!(err instanceof K8sError && err.status === 404)) throw err;
          }),
        ),
      );
      return {
        pods,
        detail: `cpu ${sim.cpuMilli}m on ${pods.length} pod${pods.length === 1 ? '' : 's'} of ${sim.deployment}`,
      };
    }
  }
}

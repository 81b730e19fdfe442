// Pod → PodRow: one row of the pods table, with why each container last died.
import type { ContainerStateName, ContainerStatusSummary, PodRow, TerminationSummary } from './types';
import { sumResources, toResources, type RawContainer } from './container';
import {
  controllerName,
  findCondition,
  toConditions,
  toEpochMs,
  toIso,
  toObjectRef,
  type RawObjectMeta,
  type RawTime,
} from './meta';
import {
  kubectlPodColumns,
  type RawContainerState,
  type RawContainerStatus,
  type RawPodSpecForStatus,
  type RawPodStatusForStatus,
  type RawTerminated,
} from './pod-status';

/**
 * A pod spec: the fields Podium reads, plus a few every template carries. A rollback writes a
 * ReplicaSet's template back whole, so fields not listed here pass through untouched.
 */
export interface RawPodSpec extends RawPodSpecForStatus {
  containers?: RawContainer[];
  nodeName?: string;
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  dnsPolicy?: string;
}

export interface RawPod {
  metadata?: RawObjectMeta;
  spec?: RawPodSpec;
  status?: RawPodStatusForStatus & { podIP?: string; startTime?: RawTime | null };
}

/** spec.template of a Deployment or ReplicaSet. */
export interface RawPodTemplate {
  metadata?: RawObjectMeta;
  spec?: RawPodSpec;
}

function stateName(state: RawContainerState | undefined): ContainerStateName {
  if (state?.running) return 'running';
  if (state?.waiting) return 'waiting';
  if (state?.terminated) return 'terminated';
  return 'unknown';
}

function toTermination(t: RawTerminated | undefined): TerminationSummary | null {
  if (!t) return null;
  return {
    reason: t.reason || null,
    exitCode: t.exitCode ?? null,
    signal: t.signal || null,
    message: t.message || null,
    startedAt: toIso(t.startedAt),
    finishedAt: toIso(t.finishedAt),
  };
}

/** Spec containers joined with their statuses: a Pending pod still lists what it will run. */
function toContainers(pod: RawPod): ContainerStatusSummary[] {
  const statuses = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  return (pod.spec?.containers ?? []).map((spec) => {
    const s: RawContainerStatus | undefined = statuses.get(spec.name);
    return {
      name: spec.name ?? '',
      image: s?.image || spec.image || '',
      ready: s?.ready ?? false,
      started: s?.started ?? null,
      restartCount: s?.restartCount ?? 0,
      state: stateName(s?.state),
      stateReason: s?.state?.waiting?.reason || s?.state?.terminated?.reason || null,
      lastTermination: toTermination(s?.lastState?.terminated),
    };
  });
}

/** The latest lastState.terminated over all containers (init included), by finishedAt. */
function latestTermination(pod: RawPod): PodRow['lastTermination'] {
  let latest: PodRow['lastTermination'] = null;
  let latestMs = -Infinity;
  const all = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const s of all) {
    const t = toTermination(s.lastState?.terminated);
    if (!t) continue;
    const ms = toEpochMs(t.finishedAt) ?? -Infinity;
    if (latest === null || ms > latestMs) {
      latest = { ...t, container: s.name ?? '' };
      latestMs = ms;
    }
  }
  return latest;
}

export function toPodRow(pod: RawPod): PodRow {
  const meta = pod.metadata;
  const deleting = meta?.deletionTimestamp != null;
  const columns = kubectlPodColumns(pod.spec, pod.status, deleting);
  const readyCondition = findCondition(toConditions(pod.status?.conditions), 'Ready');
  const containers = pod.spec?.containers ?? [];
  return {
    ...toObjectRef(meta),
    labels: { ...meta?.labels },
    owner: controllerName(meta, 'ReplicaSet'),
    podTemplateHash: meta?.labels?.['pod-template-hash'] ?? null,
    phase: pod.status?.phase ?? 'Unknown',
    ...columns,
    // Ready is the condition the EndpointSlice controller uses to send traffic to the pod
    ready: readyCondition?.status === 'True',
    lastTermination: latestTermination(pod),
    node: pod.spec?.nodeName || null,
    ip: pod.status?.podIP || null,
    deleting,
    readySince: readyCondition?.status === 'True' ? readyCondition.lastTransitionTime : null,
    startedAt: toIso(pod.status?.startTime),
    containers: toContainers(pod),
    ports: [...new Set(containers.flatMap((c) => (c.ports ?? []).flatMap((p) => p.containerPort ?? [])))],
    requests: sumResources(containers.map((c) => toResources(c.resources?.requests))),
  };
}

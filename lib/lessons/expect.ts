// What a lesson step expects to see in the live state, as pure predicates. Each one compares the
// state now with the state when the step started ("a pod restarts" means its restartCount went up
// since then), so a step that was already true before anyone clicked is not counted as done.
import { canaryGroups } from '../models/canary';
import { podsOf, type NamespaceObjects } from '../models/ownership';
import { describeRestart, restartCause } from '../models/restart-cause';
import { rolloutState } from '../models/rollout';
import type { TrafficState } from '../models/traffic-reducer';
import type { DeploymentSummary, PodRow } from '../models/types';

/** One namespace as the browser's live stream shows it, and when the browser saw it. */
export interface LiveState extends NamespaceObjects {
  /** epoch ms of the stream message that produced this state (the browser's clock) */
  at: number;
  /** the namespace's traffic runs, from the stream's traffic channel (absent: none seen yet) */
  traffic?: TrafficState;
}

export const EMPTY_STATE: LiveState = {
  at: 0,
  deployments: [],
  replicaSets: [],
  pods: [],
  hpas: [],
  services: [],
  endpointSlices: [],
  events: [],
};

export interface Expectation {
  /** what to look for, as a sentence: "a pod of echo restarts" */
  text: string;
  /** the first words of the timing line: "restart seen" (… 4.2 s after /inemuri) */
  seen: string;
  met: (now: LiveState, before: LiveState) => boolean;
  /** what exactly happened, read from the state where it was met: "pod echo-x: Error, exit 137" */
  detail?: (now: LiveState, before: LiveState) => string | null;
}

export function deploymentIn(s: LiveState, name: string): DeploymentSummary | undefined {
  return s.deployments.find((d) => d.name === name);
}

/** The deployment's pods that are not on their way out. */
export function livePodsOf(s: LiveState, name: string): PodRow[] {
  const d = deploymentIn(s, name);
  return d ? podsOf(d, s.pods, s.replicaSets).filter((p) => !p.deleting) : [];
}

/** The deployment has at least `n` ready replicas. */
export function readyReplicas(deployment: string, n: number): Expectation {
  return {
    text: `${deployment} has ${n} ready replica${n === 1 ? '' : 's'}`,
    seen: `${n} replica${n === 1 ? '' : 's'} of ${deployment} ready`,
    met: (now) => {
      const d = deploymentIn(now, deployment);
      return (
        d !== undefined && d.ready >= n && livePodsOf(now, deployment).filter((p) => p.ready).length >= n
      );
    },
  };
}

/** The deployment wants at most `n` replicas and no more than `n` pods are left. */
export function scaledDownTo(deployment: string, n: number): Expectation {
  return {
    text: `${deployment} is back to ${n} replicas`,
    seen: `back to ${n} replicas`,
    met: (now) => {
      const d = deploymentIn(now, deployment);
      return d !== undefined && d.desired <= n && livePodsOf(now, deployment).length <= n;
    },
  };
}

/** A pod of the deployment has a higher restartCount than it had when the step started. */
export function podRestarted(deployment: string): Expectation {
  const restarted = (now: LiveState, before: LiveState) => {
    const was = new Map(before.pods.map((p) => [p.uid, p.restarts]));
    return livePodsOf(now, deployment).find((p) => p.restarts > (was.get(p.uid) ?? 0));
  };
  return {
    text: `a pod of ${deployment} restarts (its restart count goes up)`,
    seen: 'restart seen',
    met: (now, before) => restarted(now, before) !== undefined,
    detail: (now, before) => {
      const p = restarted(now, before);
      if (!p) return null;
      const cause = restartCause(p, now.events);
      const why = cause ? `: ${describeRestart(cause)}` : '';
      return `pod ${p.name}: ${p.restarts} restart${p.restarts === 1 ? '' : 's'}${why}`;
    },
  };
}

/** A pod that was ready when the step started is not ready any more (and still exists). */
export function podTurnedUnready(deployment: string): Expectation {
  const turned = (now: LiveState, before: LiveState) => {
    const wasReady = new Set(before.pods.filter((p) => p.ready).map((p) => p.uid));
    return livePodsOf(now, deployment).find((p) => wasReady.has(p.uid) && !p.ready);
  };
  return {
    text: `a ready pod of ${deployment} turns unready and leaves the Service`,
    seen: 'pod unready',
    met: (now, before) => turned(now, before) !== undefined,
    detail: (now, before) => {
      const p = turned(now, before);
      return p ? `pod ${p.name}` : null;
    },
  };
}

/** Every pod of the deployment is ready, as many as it wants. */
export function allPodsReady(deployment: string): Expectation {
  return {
    text: `every pod of ${deployment} is ready`,
    seen: `all pods of ${deployment} ready`,
    met: (now) => {
      const d = deploymentIn(now, deployment);
      const pods = livePodsOf(now, deployment);
      return d !== undefined && d.desired > 0 && pods.length >= d.desired && pods.every((p) => p.ready);
    },
  };
}

/** The HPA wants more than `n` replicas. */
export function hpaDesiredAbove(hpa: string, n: number): Expectation {
  const find = (s: LiveState) => s.hpas.find((h) => h.name === hpa);
  return {
    text: `the HPA ${hpa} wants more than ${n} replicas`,
    seen: `HPA scale-up seen`,
    met: (now) => (find(now)?.desiredReplicas ?? 0) > n,
    detail: (now) => {
      const h = find(now);
      const cpu = h?.metrics.find((m) => m.name === 'cpu');
      return h
        ? `desired ${h.desiredReplicas}${cpu?.current != null ? ` at ${Math.round(cpu.current)} % CPU` : ''}`
        : null;
    },
  };
}

/** A rollout that started after the step began has finished: the new ReplicaSet runs every pod. */
export function newReplicaSetReady(deployment: string): Expectation {
  return {
    text: `a new ReplicaSet of ${deployment} has all its pods ready and the old one is empty`,
    seen: 'new ReplicaSet fully ready',
    met: (now, before) => {
      const d = deploymentIn(now, deployment);
      if (!d || d.revision === null) return false;
      const was = deploymentIn(before, deployment)?.revision ?? 0;
      const r = rolloutState(d, now.replicaSets);
      return (
        d.revision > was && r.phase === 'complete' && r.newReady >= d.desired && r.oldReplicaSets.length === 0
      );
    },
    detail: (now) => {
      const d = deploymentIn(now, deployment);
      const rs = d ? rolloutState(d, now.replicaSets).newReplicaSet : null;
      return rs ? `revision ${rs.revision ?? '?'}, ${rs.ready} ready` : null;
    },
  };
}

/** The Service's ready endpoints give the deployment a share between `min` and `max` (0..1). */
export function canaryShare(service: string, deployment: string, min: number, max: number): Expectation {
  const share = (s: LiveState) => {
    const group = canaryGroups(s.services, s.deployments, s.pods, s.endpointSlices).find(
      (g) => g.service === service,
    );
    const member = group?.members.find((m) => m.deployment === deployment);
    return group && member && group.totalReadyPods > 0 ? member.expectedShare : null;
  };
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  return {
    text: `${deployment} gets ${min === max ? pct(min) : `${pct(min)}-${pct(max)}`} of Service ${service}'s ready endpoints`,
    seen: `${deployment} at ${min === max ? pct(min) : `${pct(min)}-${pct(max)}`}`,
    met: (now) => {
      const x = share(now);
      return x !== null && x >= min - 1e-9 && x <= max + 1e-9;
    },
    detail: (now) => {
      const x = share(now);
      return x === null ? null : `${deployment} has ${pct(x)} of the ready endpoints`;
    },
  };
}

/** All of them at once; the timing line uses the last one's words. */
export function allOf(...parts: Expectation[]): Expectation {
  const last = parts[parts.length - 1];
  return {
    text: parts.map((p) => p.text).join(', and '),
    seen: last?.seen ?? 'done',
    met: (now, before) => parts.every((p) => p.met(now, before)),
    detail: (now, before) =>
      parts
        .map((p) => p.detail?.(now, before))
        .filter(Boolean)
        .join('; ') || null,
  };
}

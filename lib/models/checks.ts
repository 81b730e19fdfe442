// Best-practice checks per Deployment (story 004, "a first-class Kubernetes application", and
// story 001's zero-downtime rollout). Only what the spec shows: whether the app finishes its
// requests on SIGTERM cannot be seen from outside, so it is not checked.
import type { ContainerSpecSummary, DeploymentSummary, HpaSummary, Resources } from './types';

export type FindingSeverity = 'warning' | 'info';

export interface Finding {
  /** unique within the Deployment: "<check>" or "<check>:<container>" */
  id: string;
  severity: FindingSeverity;
  message: string;
  container: string | null;
}

type ContainerCheck = (
  c: ContainerSpecSummary,
) => (Omit<Finding, 'id' | 'container'> & { check: string }) | null;

// https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/
const readiness: ContainerCheck = (c) =>
  c.readiness
    ? null
    : {
        check: 'missing-readiness-probe',
        severity: 'warning',
        message:
          `Container ${c.name} has no readiness probe: a new pod gets traffic as soon as it starts, ` +
          'so requests fail during every rollout until the app is really listening.',
      };

const liveness: ContainerCheck = (c) =>
  c.liveness
    ? null
    : {
        check: 'missing-liveness-probe',
        severity: 'info',
        message: `Container ${c.name} has no liveness probe: if it hangs without exiting, Kubernetes will not restart it.`,
      };

function unset(r: Resources): string[] {
  return [...(r.cpuMilli === null ? ['CPU'] : []), ...(r.memoryBytes === null ? ['memory'] : [])];
}

// https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
const requests: ContainerCheck = (c) => {
  const missing = unset(c.requests);
  if (missing.length === 0) return null;
  const why =
    c.requests.cpuMilli === null
      ? 'the scheduler places it blind, and an HPA cannot compute CPU utilization for it.'
      : 'the scheduler places it blind, and it is among the first evicted under memory pressure.';
  return {
    check: 'missing-requests',
    severity: 'warning',
    message: `Container ${c.name} has no ${missing.join(' or ')} request: ${why}`,
  };
};

const limits: ContainerCheck = (c) => {
  const missing = unset(c.limits);
  if (missing.length === 0) return null;
  return {
    check: 'missing-limits',
    severity: 'info',
    message: `Container ${c.name} has no ${missing.join(' or ')} limit: one busy or leaking pod can starve its neighbours on the node.`,
  };
};

const CONTAINER_CHECKS = [readiness, liveness, requests, limits];

/**
 * One replica means every restart, node drain or Recreate rollout is an outage. An HPA that
 * keeps at least two replicas answers the check; a Deployment scaled to zero is left alone.
 */
function singleReplica(d: DeploymentSummary, hpa: HpaSummary | null): Finding | null {
  const floor = hpa ? hpa.minReplicas : d.desired;
  if (floor !== 1) return null;
  const by = hpa ? `its HPA allows scaling down to 1` : 'it runs a single replica';
  return {
    id: 'single-replica',
    severity: 'warning',
    message: `${d.name}: ${by}, so a crash, a restart or a node drain takes the whole app down.`,
    container: null,
  };
}

export function deploymentFindings(
  d: DeploymentSummary,
  options: { hpa?: HpaSummary | null } = {},
): Finding[] {
  const findings: Finding[] = [];
  for (const container of d.containers) {
    for (const check of CONTAINER_CHECKS) {
      const result = check(container);
      if (!result) continue;
      const { check: id, ...rest } = result;
      findings.push({ id: `${id}:${container.name}`, container: container.name, ...rest });
    }
  }
  const single = singleReplica(d, options.hpa ?? null);
  if (single) findings.push(single);
  return findings;
}

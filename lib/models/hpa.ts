// The HPA formula, as pure functions with the numbers shown to the class (story 003):
//   desiredReplicas = ceil[currentReplicas × (currentMetricValue / desiredMetricValue)]
// mirroring https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#algorithm-details
// and the controller (pkg/controller/podautoscaler/horizontal.go, replica_calculator.go).
// Not modelled: unready/missing pods, scale-up/down rate policies and the stabilization window,
// which may hold the real desiredReplicas back from what the formula says.
import type { HpaMetricSummary, HpaSummary } from './types';
import { formatCpu, formatBytes } from './quantity';

export { toHpaSummary, type RawHpa } from './hpa-summary';

/** --horizontal-pod-autoscaler-tolerance of kube-controller-manager */
export const DEFAULT_TOLERANCE = 0.1;

export interface DesiredReplicasInput {
  currentReplicas: number;
  currentMetric: number | null;
  targetMetric: number | null;
  tolerance?: number;
  minReplicas: number;
  maxReplicas: number;
}

export interface DesiredReplicasResult {
  /** what the controller will ask for, after tolerance and min/max */
  desired: number;
  /** ceil(currentReplicas × ratio), before tolerance and clamping; null without metrics */
  raw: number | null;
  /** currentMetric / targetMetric */
  ratio: number | null;
  /** |1 − ratio| ≤ tolerance: the controller leaves the replica count alone */
  withinTolerance: boolean;
  clamped: 'min' | 'max' | null;
  reason: string;
}

export function desiredReplicas(input: DesiredReplicasInput): DesiredReplicasResult {
  const { currentReplicas: current, currentMetric, targetMetric, minReplicas: min, maxReplicas: max } = input;
  const tolerance = input.tolerance ?? DEFAULT_TOLERANCE;
  const hasMetrics = currentMetric !== null && targetMetric !== null && targetMetric > 0;
  const ratio = hasMetrics ? currentMetric / targetMetric : null;
  const raw = ratio === null ? null : Math.ceil(current * ratio);
  // the same float64 comparison as the controller: |1 − 55/50| is 0.10000000000000009, so 55 % vs 50 % scales
  const withinTolerance = ratio !== null && Math.abs(1 - ratio) <= tolerance;
  const result = (desired: number, clamped: DesiredReplicasResult['clamped'], reason: string) => ({
    desired,
    raw,
    ratio,
    withinTolerance,
    clamped,
    reason,
  });

  // the controller checks these before it looks at any metric
  if (current === 0 && min !== 0) {
    return result(0, null, 'scaling is disabled since the replica count of the target is zero');
  }
  if (current > max) return result(max, 'max', 'current number of replicas above maxReplicas');
  if (current < min) return result(min, 'min', 'current number of replicas below minReplicas');

  if (raw === null) return result(current, null, 'the metric is not available yet');
  const proposal = withinTolerance ? current : raw;
  if (proposal > max) return result(max, 'max', `the formula asks for ${proposal}, above maxReplicas`);
  if (proposal < min) return result(min, 'min', `the formula asks for ${proposal}, below minReplicas`);
  if (withinTolerance) return result(current, null, 'the ratio is within the tolerance');
  return result(
    proposal,
    null,
    proposal > current ? 'above target' : proposal < current ? 'below target' : 'at target',
  );
}

/**
 * Resource utilization as the HPA computes it: sum of usage over sum of requests of the same
 * pods, as an integer percent truncated like the controller's int64 arithmetic
 * (GetResourceUtilizationRatio in pkg/controller/podautoscaler/metrics/utilization.go).
 * Null when a pod has no request: the HPA then reports "missing request for cpu".
 */
export function utilization(
  podsUsageMilli: readonly number[],
  podsRequestMilli: readonly number[],
): number | null {
  if (podsUsageMilli.length !== podsRequestMilli.length || podsUsageMilli.length === 0) return null;
  if (podsRequestMilli.some((r) => !Number.isFinite(r) || r <= 0)) return null;
  const usage = podsUsageMilli.reduce((sum, u) => sum + u, 0);
  const requests = podsRequestMilli.reduce((sum, r) => sum + r, 0);
  return Math.trunc((usage * 100) / requests);
}

export interface MetricProposal {
  metric: HpaMetricSummary;
  result: DesiredReplicasResult;
}

/** Every metric's proposal; the controller follows the largest one. */
export function hpaProposals(hpa: HpaSummary, tolerance = DEFAULT_TOLERANCE): MetricProposal[] {
  return hpa.metrics.map((metric) => ({
    metric,
    result: desiredReplicas({
      currentReplicas: hpa.currentReplicas,
      currentMetric: metric.current,
      targetMetric: metric.target,
      tolerance,
      minReplicas: hpa.minReplicas,
      maxReplicas: hpa.maxReplicas,
    }),
  }));
}

/** The metric that decides: the largest proposal among metrics that have numbers. */
export function governingProposal(hpa: HpaSummary, tolerance = DEFAULT_TOLERANCE): MetricProposal | null {
  const proposals = hpaProposals(hpa, tolerance);
  const measured = proposals.filter((p) => p.result.ratio !== null);
  const pool = measured.length > 0 ? measured : proposals;
  return pool.reduce<MetricProposal | null>(
    (best, p) => (best && best.result.desired >= p.result.desired ? best : p),
    null,
  );
}

function num(x: number): string {
  const short = Number(x.toFixed(2));
  // never let rounding turn 4.001 into "4", which would make ceil(4) = 5 look wrong
  return String(Number.isInteger(short) && !Number.isInteger(x) ? Number(x.toPrecision(6)) : short);
}

function metricValue(metric: HpaMetricSummary, value: number): string {
  if (metric.targetType === 'Utilization') return `${num(value)} %`;
  if (metric.type === 'Resource' || metric.type === 'ContainerResource') {
    if (metric.name === 'cpu') return formatCpu(value * 1000);
    if (metric.name === 'memory') return formatBytes(value);
  }
  return num(value);
}

/**
 * The formula line with live numbers, e.g.
 * "desired = ceil(3 × 80 % / 50 %) = ceil(4.8) = 5 → clamped to max 4".
 */
export function explainHpa(hpa: HpaSummary, tolerance = DEFAULT_TOLERANCE): string {
  const p = governingProposal(hpa, tolerance);
  const current = hpa.currentReplicas;
  if (!p) return `desired = ${current}: the HPA has no metrics`;
  const { metric, result } = p;
  // the controller's checks before any metric, in its order (see desiredReplicas)
  const { minReplicas: min, maxReplicas: max } = hpa;
  if (current === 0 && min !== 0) return 'desired = 0: scaling is disabled while the target has 0 replicas';
  if (current > max) return `desired = ${max}: ${current} replicas are above max ${max}`;
  if (current < min) return `desired = ${min}: ${current} replicas are below min ${min}`;
  if (result.ratio === null || metric.current === null || metric.target === null) {
    return `desired = ${current}: waiting for ${metric.name || metric.type} metrics`;
  }
  const value = (v: number) => metricValue(metric, v);
  const formula = `ceil(${current} × ${value(metric.current)} / ${value(metric.target)})`;
  const line = `desired = ${formula} = ceil(${num(current * result.ratio)}) = ${result.raw}`;
  if (result.withinTolerance) {
    return `${line}, but ratio ${num(result.ratio)} is within the ${num(tolerance * 100)} % tolerance → stays ${current}`;
  }
  return result.clamped ? `${line} → clamped to ${result.clamped} ${result.desired}` : line;
}

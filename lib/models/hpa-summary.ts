// HorizontalPodAutoscaler (autoscaling/v2) → HpaSummary: each metric's target next to what the
// controller last measured, and the effective stabilization windows.
import type { HpaMetricSummary, HpaSummary } from './types';
import {
  toConditions,
  toIso,
  toObjectRef,
  type RawCondition,
  type RawObjectMeta,
  type RawTime,
} from './meta';
import { parseQuantity } from './quantity';

interface RawMetricTarget {
  type?: string;
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
}

interface RawMetricValueStatus {
  averageUtilization?: number;
  averageValue?: string;
  value?: string;
}

interface RawMetricSource<V> {
  name?: string;
  container?: string;
  metric?: { name?: string };
  target?: V;
  current?: V;
}

/** Spec entries carry `target`, status entries `current`; the sources are otherwise alike. */
interface RawMetric<V> {
  type?: string;
  resource?: RawMetricSource<V>;
  containerResource?: RawMetricSource<V>;
  pods?: RawMetricSource<V>;
  object?: RawMetricSource<V>;
  external?: RawMetricSource<V>;
}

interface RawScalingRules {
  stabilizationWindowSeconds?: number;
}

export interface RawHpa {
  metadata?: RawObjectMeta;
  spec?: {
    scaleTargetRef?: { kind?: string; name?: string; apiVersion?: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: RawMetric<RawMetricTarget>[];
    behavior?: { scaleUp?: RawScalingRules; scaleDown?: RawScalingRules };
  };
  status?: {
    currentReplicas?: number;
    desiredReplicas?: number;
    lastScaleTime?: RawTime | null;
    currentMetrics?: RawMetric<RawMetricValueStatus>[] | null;
    conditions?: RawCondition[];
  };
}

/**
 * With no metrics, autoscaling/v2 defaults to 80 % average CPU utilization.
 * https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/
 */
const DEFAULT_METRICS: RawMetric<RawMetricTarget>[] = [
  { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
];

function sourceOf<V>(m: RawMetric<V>): RawMetricSource<V> | undefined {
  switch (m.type) {
    case 'Resource':
      return m.resource;
    case 'ContainerResource':
      return m.containerResource;
    case 'Pods':
      return m.pods;
    case 'Object':
      return m.object;
    case 'External':
      return m.external;
    default:
      return undefined;
  }
}

/** Status entries are matched to spec entries by type, metric name and (for ContainerResource) container. */
function metricKey<V>(m: RawMetric<V>): string {
  const s = sourceOf(m);
  return JSON.stringify([m.type, s?.name ?? s?.metric?.name ?? '', s?.container ?? '']);
}

function valueFor(targetType: string, v: RawMetricTarget | RawMetricValueStatus | undefined): number | null {
  if (targetType === 'Utilization') return v?.averageUtilization ?? null;
  return parseQuantity(targetType === 'AverageValue' ? v?.averageValue : v?.value);
}

function toMetric(
  spec: RawMetric<RawMetricTarget>,
  status: RawMetric<RawMetricValueStatus> | undefined,
): HpaMetricSummary {
  const source = sourceOf(spec);
  const current = status ? sourceOf(status)?.current : undefined;
  const targetType = source?.target?.type ?? '';
  return {
    type: spec.type ?? '',
    name: source?.name ?? source?.metric?.name ?? '',
    targetType,
    target: valueFor(targetType, source?.target),
    current: valueFor(targetType, current),
    currentAverageValue: parseQuantity(current?.averageValue),
  };
}

export function toHpaSummary(raw: RawHpa): HpaSummary {
  const spec = raw.spec;
  const status = raw.status;
  const statusByKey = new Map((status?.currentMetrics ?? []).map((m) => [metricKey(m), m]));
  const specMetrics = spec?.metrics?.length ? spec.metrics : DEFAULT_METRICS;
  return {
    ...toObjectRef(raw.metadata),
    target: {
      kind: spec?.scaleTargetRef?.kind ?? '',
      name: spec?.scaleTargetRef?.name ?? '',
      apiVersion: spec?.scaleTargetRef?.apiVersion ?? '',
    },
    minReplicas: spec?.minReplicas ?? 1,
    maxReplicas: spec?.maxReplicas ?? 0,
    currentReplicas: status?.currentReplicas ?? 0,
    desiredReplicas: status?.desiredReplicas ?? 0,
    metrics: specMetrics.map((m) => toMetric(m, statusByKey.get(metricKey(m)))),
    conditions: toConditions(status?.conditions),
    lastScaleTime: toIso(status?.lastScaleTime),
    // defaults from https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#default-behavior
    scaleDownStabilizationSeconds: spec?.behavior?.scaleDown?.stabilizationWindowSeconds ?? 300,
    scaleUpStabilizationSeconds: spec?.behavior?.scaleUp?.stabilizationWindowSeconds ?? 0,
  };
}

// A pod's sample from metrics.k8s.io (what `kubectl top pod` reads) → PodUsage: CPU and memory
// summed over its containers.
import { parseBytes, parseCpuMilli } from './quantity';
import type { PodUsage } from './types';

export interface RawPodMetrics {
  metadata: { name: string };
  /** ISO timestamp of the sample */
  timestamp: string;
  containers: { name: string; usage: { cpu?: string; memory?: string } }[];
}

export function toPodUsage(m: RawPodMetrics): PodUsage {
  return {
    pod: m.metadata.name,
    timestamp: m.timestamp,
    cpuMilli: m.containers.reduce((sum, c) => sum + (parseCpuMilli(c.usage.cpu) ?? 0), 0),
    memoryBytes: m.containers.reduce((sum, c) => sum + (parseBytes(c.usage.memory) ?? 0), 0),
  };
}

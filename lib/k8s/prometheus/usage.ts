import 'server-only';
import { usageQuery } from '../../models/prometheus/promql';
import { usageHistoryPoints } from '../../models/prometheus/results';
import type { HistoryPoint } from '../../models/types';
import { configuredServer, queryRange, rangeWindow, refused } from './queries';

// A Deployment's pods' CPU and memory over a chart's range from Prometheus (the kubelet's cAdvisor),
// in the history points the usage charts already draw: hours instead of the process's last hour
// of metrics-server samples, the same after a restart and on every replica.

export type PrometheusUsage = { ok: true; points: HistoryPoint[] } | { ok: false; note: string };

export async function prometheusUsageHistory(
  namespace: string,
  deployment: string,
  rangeMs: number,
  now = Date.now(),
): Promise<PrometheusUsage> {
  const server = configuredServer();
  if (!server.ok) return { ok: false, note: server.error };
  const w = rangeWindow(rangeMs, now);
  let cpuQ: string;
  let memQ: string;
  try {
    cpuQ = usageQuery('cpu', namespace, deployment, w.step);
    memQ = usageQuery('memory', namespace, deployment, w.step);
  } catch (err) {
    return { ok: false, note: refused(err).error };
  }
  const [cpu, memory] = await Promise.all([
    queryRange(server.data, cpuQ, w),
    queryRange(server.data, memQ, w),
  ]);
  if (!cpu.ok) return { ok: false, note: cpu.error };
  if (!memory.ok) return { ok: false, note: memory.error };
  return { ok: true, points: usageHistoryPoints(cpu.data, memory.data) };
}

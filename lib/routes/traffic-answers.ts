import type { TrafficRun } from '../models/traffic';

/** A run as a route answers it: the series travel on the live stream, not in every answer. */
export function withoutSeries(run: TrafficRun): TrafficRun {
  if (run.kind === 'probe') return { ...run, samples: [] };
  if (run.kind === 'load' || run.kind === 'ws') return { ...run, points: [] };
  return run;
}

'use client';
import { useState } from 'react';
import { useActionRunner } from '@/components/actions/use-action';
import { useKind } from '@/lib/hooks/use-live';
import { useNow } from '@/lib/hooks/use-now';
import { useTrafficRun } from '@/lib/hooks/use-traffic';
import { matchesSelector } from '@/lib/models/labels';
import type { TrafficRun } from '@/lib/models/traffic';
import type { DeploymentSummary } from '@/lib/models/types';
import { useTrafficGate } from './use-traffic-gate';

/**
 * What a request loop through one of a Deployment's Services starts from: the Services that select
 * its pods (the picked one, else the first), the run there, the gate, the action runner, and a clock
 * that ticks while the run does.
 */
export function useServiceRun<K extends 'probe' | 'load' | 'ws'>(
  namespace: string,
  deployment: DeploymentSummary,
  kind: K,
) {
  const services = (useKind(namespace, 'services') ?? []).filter(
    (s) =>
      s.namespace === namespace &&
      Object.keys(s.selector).length > 0 &&
      matchesSelector(s.selector, deployment.templateLabels),
  );
  const [picked, setPicked] = useState<string | null>(null);
  const service = picked ?? services[0]?.name ?? null;
  const run = useTrafficRun(namespace, kind, service);
  const gate = useTrafficGate(namespace, 'traffic');
  const { run: act, busy } = useActionRunner();
  const current: TrafficRun | null = run; // widened: K is not known here, every kind has a state
  const running = current?.state === 'running';
  const now = useNow(running);
  return { kind, services, service, pick: setPicked, run, running, gate, act, busy, now };
}

export type ServiceRun = ReturnType<typeof useServiceRun>;

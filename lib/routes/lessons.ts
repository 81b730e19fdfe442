import 'server-only';
import type { PodiumConfig } from '../config';
import { clusterSimulation } from '../k8s/lessons';
import { hasLessonPrefix } from '../lessons/apply-plan';
import { Refusal } from './guard';

// The checks the lesson routes add to the shared guard (lib/routes/guard.ts): they act only on
// namespaces with the lesson prefix, and simulations only on a kwok cluster.

export function requireLessonNamespace(namespace: string, config: PodiumConfig): void {
  if (!hasLessonPrefix(namespace, config.lessonPrefix)) {
    throw new Refusal(
      403,
      'NotALessonNamespace',
      `lessons act only on namespaces that start with "${config.lessonPrefix}" (PODIUM_LESSON_PREFIX); "${namespace}" does not`,
    );
  }
}

export async function requireSimulatedCluster(): Promise<void> {
  const cluster = await clusterSimulation();
  if (!cluster.simulated)
    throw new Refusal(409, 'NotSimulated', `simulations need the built-in cluster: ${cluster.reason}`);
}

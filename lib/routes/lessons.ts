import 'server-only';
import type { PodiumConfig } from '../config';
import { hasLessonPrefix } from '../lessons/apply-plan';
import { Refusal } from './guard';

// The checks the lesson routes add to the shared guard (lib/routes/guard.ts): they act only on
// namespaces with the lesson prefix (simulate() itself refuses pods that run for real).

export function requireLessonNamespace(namespace: string, config: PodiumConfig): void {
  if (!hasLessonPrefix(namespace, config.lessonPrefix)) {
    throw new Refusal(
      403,
      'NotALessonNamespace',
      `lessons act only on namespaces that start with "${config.lessonPrefix}" (PODIUM_LESSON_PREFIX); "${namespace}" does not`,
    );
  }
}

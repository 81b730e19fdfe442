// The lessons, one file per demo story (demo/manifests/stories), in the order of the stories'
// index.json, which gives each its title, summary and namespace suffix. To add a lesson: write its
// plan beside these (steps from ../steps.ts), add it to PLANS, and its story to index.json.
import storyIndex from '../../../demo/manifests/stories/index.json';
import type { Lesson, LessonPlan } from '../lesson';
import { canary } from './canary';
import { firstClass } from './first-class';
import { hpaScaling } from './hpa-scaling';
import { ingressCanary } from './ingress-canary';
import { livenessRestarts } from './liveness-restarts';
import { rollingUpdate } from './rolling-update';

export type { Lesson, LessonFocus, LessonStep, RestartReason, StepAction, StepSimulation } from '../lesson';

const PLANS: readonly LessonPlan[] = [
  livenessRestarts,
  rollingUpdate,
  hpaScaling,
  canary,
  ingressCanary,
  firstClass,
];

type StoryText = { id: string; title: string; summary: string; namespaceSuffix: string };
const TEXTS: readonly StoryText[] = storyIndex;

export const LESSONS: readonly Lesson[] = PLANS.map((plan) => {
  const text = TEXTS.find((t) => t.id === plan.id);
  if (!text) throw new Error(`lesson ${plan.id} has no story in demo/manifests/stories/index.json`);
  return { ...plan, title: text.title, summary: text.summary, namespaceSuffix: text.namespaceSuffix };
});

export const LESSON_IDS = LESSONS.map((l) => l.id);

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export function lessonNamespace(prefix: string, lesson: Pick<Lesson, 'namespaceSuffix'>): string {
  return `${prefix}${lesson.namespaceSuffix}`;
}

/** The lesson whose namespace this is, if any. */
export function lessonOfNamespace(prefix: string, namespace: string): Lesson | undefined {
  return LESSONS.find((l) => lessonNamespace(prefix, l) === namespace);
}

/** "1.0.0" -> "2.0.0", "2.0.0" -> "3.0.0"; anything else gets "-next" (a roll-out needs a new value). */
export function nextVersion(current: string | null | undefined): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(current ?? '');
  if (m) return `${Number(m[1]) + 1}.0.0`;
  return current ? `${current.slice(0, 100)}-next` : '2.0.0';
}

/** Replaces "{ns}" in a kubectl hint. */
export function kubectlLine(line: string, namespace: string): string {
  return line.replaceAll('{ns}', namespace);
}

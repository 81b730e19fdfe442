// What a lesson is: a demo story (demo/manifests/stories) as a short guided sequence of steps. A
// step says what to do (a Podium action, a Simulate button for the built-in cluster, or a kubectl
// command), what to look at and why, and what Podium checks in the live state (expect.ts) to tick
// it off and time it. The lessons themselves are in stories/, one file each.
import type { RestartReason } from '../models/contract';
import type { Expectation } from './expect';

export type { RestartReason };

/** A button that calls one of Podium's existing action routes. */
export type StepAction = { label: string; trigger: string } & (
  | { kind: 'scale'; deployment: string; replicas: number }
  /** a new version through the deployment's version env (podium.dev/version-env): a rolling update */
  | { kind: 'rollout'; deployment: string; container: string }
  /** a declared pod endpoint (/inemuri, /seppuku) on the deployment's first ready pod */
  | { kind: 'endpoint'; deployment: string; endpoint: string }
);

/**
 * What the Simulate button does instead of `action` for a pod that runs no process (the built-in
 * cluster's kwok pods), through the simulate route. Plain data, so the page can choose per pod.
 */
export type StepSimulation = { label: string; trigger: string } & (
  | { kind: 'restart'; deployment: string; reason: RestartReason }
  | { kind: 'ready'; deployment: string; ready: boolean }
  /** a load generator: `totalMilli` of CPU spread over the deployment's pods, kept up as pods come */
  | { kind: 'load'; deployment: string; totalMilli: number }
  /** one CPU value for every pod of the deployment, and the load generator off */
  | { kind: 'idle'; deployment: string; cpuMilli: number }
);

export interface LessonStep {
  id: string;
  title: string;
  action?: StepAction;
  /**
   * The step's effect needs the app running inside the pod (a Hang or Crash endpoint, or load on
   * /cpu). Pods on the built-in cluster run no process, so there the page offers Simulate.
   */
  needsLiveApp?: boolean;
  simulate?: StepSimulation;
  /** the same by hand, for a real cluster; "{ns}" is the lesson namespace */
  kubectl?: string[];
  /** what to look at on the page */
  look: string;
  why: string;
  expect: Expectation;
  /** time this step from another step's start ("6 replicas ready 38 s after load started") */
  timedFrom?: string;
}

export type LessonFocus = 'restarts' | 'rollout' | 'hpa' | 'canary' | 'probes';

export interface Lesson {
  id: string;
  title: string;
  summary: string;
  /** the lesson namespace is `${lessonPrefix}${namespaceSuffix}` */
  namespaceSuffix: string;
  /** the story's deployments, in the order the page shows them */
  deployments: string[];
  /** which panels the page shows beside the pod grids */
  focus: LessonFocus;
  /** the Service a canary lesson is about */
  service?: string;
  steps: LessonStep[];
}

/** A lesson as its file writes it; the title, summary and namespace come from the story's index.json. */
export type LessonPlan = Omit<Lesson, 'title' | 'summary' | 'namespaceSuffix'>;

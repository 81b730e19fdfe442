// The step shapes several lessons share: setting a story up, a button on a pod endpoint (with its
// simulation on the built-in cluster), a scale, a roll-out. Each builder takes the words a lesson
// says; the mechanics (labels, triggers, kubectl lines, expectations) are written once here.
import { newReplicaSetReady, podRestarted, readyReplicas, type Expectation } from './expect';
import type { LessonStep, RestartReason, StepAction } from './lesson';

/** The trigger words of a step started by its Simulate button. */
export const SIMULATE = 'Simulate';

/** `kubectl apply` of a story's manifests into the lesson namespace. */
export const applyCommand = (story: string) =>
  `kubectl apply --server-side -k demo/manifests/stories/${story} -n {ns}`;

type Words = Pick<LessonStep, 'title' | 'look' | 'why'>;

/** The first step of every lesson: the story's objects come up. */
export function setUpStep(
  story: string,
  words: Words & { expect: Expectation; kubectl?: string[] },
): LessonStep {
  const { kubectl = [], ...rest } = words;
  return { id: 'up', kubectl: [applyCommand(story), ...kubectl], ...rest };
}

/**
 * A button on a declared pod endpoint of the live app; for a pod that runs no process, `simulate`
 * does the same to the pod through the simulate route.
 */
export function endpointStep(
  step: Words & {
    id: string;
    deployment: string;
    endpoint: 'inemuri' | 'seppuku';
    label: string;
    simulate: { label: string } & (
      { kind: 'restart'; reason: RestartReason } | { kind: 'ready'; ready: boolean }
    );
    expect: Expectation;
  },
): LessonStep {
  const { deployment, endpoint, label, simulate, ...rest } = step;
  return {
    ...rest,
    action: { kind: 'endpoint', deployment, endpoint, label, trigger: `/${endpoint}` },
    needsLiveApp: true,
    simulate: { ...simulate, deployment, trigger: SIMULATE },
  };
}

/**
 * The two ways the demo app fails on request, and what Simulate does in their place: /inemuri hangs
 * it (the liveness probe fails and the kubelet restarts the container), /seppuku makes it exit 1
 * (restartPolicy Always restarts it at once).
 */
const POD_FAILURES = {
  hang: {
    endpoint: 'inemuri',
    label: 'Hang a pod (/inemuri)',
    simulate: { kind: 'restart', reason: 'Liveness', label: 'Simulate a liveness restart' },
  },
  crash: {
    endpoint: 'seppuku',
    label: 'Crash a pod (/seppuku)',
    simulate: { kind: 'restart', reason: 'Error', label: 'Simulate a crash (exit 1)' },
  },
} as const;

/** A pod of the deployment hangs or crashes; done when one restarts. The step id is the failure. */
export function podFailureStep(
  failure: keyof typeof POD_FAILURES,
  deployment: string,
  words: Words,
): LessonStep {
  return endpointStep({
    id: failure,
    deployment,
    ...POD_FAILURES[failure],
    expect: podRestarted(deployment),
    ...words,
  });
}

/** A step whose button is one of Podium's actions, with the same by hand as its first kubectl line. */
function actionStep(
  id: string,
  action: StepAction,
  byHand: string,
  expect: Expectation,
  words: Words & { kubectl?: string[]; expect?: Expectation },
): LessonStep {
  const { kubectl = [], ...rest } = words;
  return { id, action, kubectl: [byHand, ...kubectl], expect, ...rest };
}

/** The scale button, and `kubectl scale`; done when that many replicas are ready. */
export function scaleStep(
  id: string,
  deployment: string,
  replicas: number,
  words: Words & { kubectl?: string[]; expect?: Expectation },
): LessonStep {
  const label = `Scale ${deployment} to ${replicas}`;
  return actionStep(
    id,
    { kind: 'scale', deployment, replicas, label, trigger: 'the scale' },
    `kubectl -n {ns} scale deployment ${deployment} --replicas=${replicas}`,
    readyReplicas(deployment, replicas),
    words,
  );
}

/** A new version through the version env; done when a new ReplicaSet runs every pod. */
export function rolloutStep(
  id: string,
  deployment: string,
  words: Words & { kubectl?: string[] },
): LessonStep {
  const label = `Roll out ${deployment}`;
  return actionStep(
    id,
    { kind: 'rollout', deployment, container: 'echo', label, trigger: 'the roll-out' },
    `kubectl -n {ns} set env deployment/${deployment} APP_VERSION=2.0.0`,
    newReplicaSetReady(deployment),
    words,
  );
}

'use client';

import { useEffect, useRef, useState } from 'react';
import { useActionRunner } from '@/components/actions/use-action';
import { callPodEndpoint, scaleDeployment, setVersion } from '@/lib/api/actions';
import { cleanUpLesson, runSimulation, setUpLesson } from '@/lib/api/lessons';
import { deploymentIn, livePodsOf, type LiveState } from '@/lib/lessons/expect';
import { advance, startStep, type Progress } from '@/lib/lessons/progress';
import { cpuShare } from '@/lib/models/simulation';
import { nextVersion, type Lesson, type LessonStep } from '@/lib/lessons/stories';
import { pickPod } from './pick-pod';

// A lesson in the browser: its progress (advanced by every live state, see lib/lessons/progress),
// the step buttons (Podium's action routes, or the simulate route on the built-in cluster), set-up
// and clean-up, and the load generator of the HPA lesson. Outcomes go to the page's toasts.

export interface LoadGenerator {
  deployment: string;
  totalMilli: number;
}

export function useLessonRunner(namespace: string, lesson: Lesson, state: LiveState | null) {
  const { run, busy, notify } = useActionRunner();
  const [stored, setProgress] = useState<Progress>({});
  // after clean-up nothing is watched until the next set-up (the old objects are still going away)
  const [paused, setPaused] = useState(false);
  const [load, setLoad] = useState<LoadGenerator | null>(null);

  // Adjusting state while rendering (https://react.dev/reference/react/useState#storing-information-from-previous-renders):
  // advance() returns the same object when nothing changed, so this settles after one extra render.
  const progress = state && !paused ? advance(lesson, stored, state) : stored;
  if (progress !== stored) setProgress(progress);

  const begin = (stepId: string, trigger: string) => {
    if (state) setProgress((p) => startStep(p, stepId, state, trigger, Date.now()));
  };

  useLoadGenerator(namespace, paused ? null : load, state, (err) => {
    setLoad(null);
    notify({ tone: 'bad', title: 'The simulated load stopped', detail: err.message });
  });

  async function action(step: LessonStep) {
    const a = step.action;
    if (!a || !state) return;
    const key = `action-${step.id}`;
    if (a.kind === 'scale') {
      begin(step.id, a.trigger);
      await run(
        key,
        `${a.label} failed`,
        () => scaleDeployment(namespace, a.deployment, a.replicas),
        (r) => ({
          tone: 'ok',
          title: `Scaling ${a.deployment} to ${r.replicas}`,
        }),
      );
    } else if (a.kind === 'rollout') {
      const current = deploymentIn(state, a.deployment)?.containers.find((c) => c.name === a.container)
        ?.versionEnv?.value;
      const version = nextVersion(current);
      begin(step.id, a.trigger);
      await run(
        key,
        `${a.label} failed`,
        () => setVersion(namespace, a.deployment, a.container, version),
        (r) => ({
          tone: 'ok',
          title: `Rolling out ${r.env}=${version} to ${a.deployment}`,
          detail: r.previous ? `was ${r.previous}` : undefined,
        }),
      );
    } else {
      const pod = pickPod(state, a.deployment, 'ready');
      if (!pod) return notify({ tone: 'warn', title: `No ready pod of ${a.deployment} to call` });
      begin(step.id, a.trigger);
      await run(
        key,
        `${a.label}: ${pod.name} did not take it`,
        () => callPodEndpoint(namespace, pod.name, a.endpoint),
        (r) => ({
          tone: r.answer.status < 400 ? 'ok' : 'warn',
          title: `${pod.name} answered HTTP ${r.answer.status}`,
          detail: r.answer.body.slice(0, 200),
        }),
      );
    }
  }

  async function simulate(step: LessonStep) {
    const s = step.simulate;
    if (!s || !state) return;
    if (s.kind === 'load') {
      begin(step.id, s.trigger);
      setLoad({ deployment: s.deployment, totalMilli: s.totalMilli });
      return notify({
        tone: 'ok',
        title: `Load on: ${s.totalMilli}m of CPU spread over the pods of ${s.deployment}`,
      });
    }
    if (s.kind === 'idle') {
      setLoad(null);
      begin(step.id, s.trigger);
      await run(
        `simulate-${step.id}`,
        'Stopping the load failed',
        () => runSimulation(namespace, { simulation: 'cpu', deployment: s.deployment, cpuMilli: s.cpuMilli }),
        (r) => ({
          tone: 'ok',
          title: `Load off: ${r.pods.length} pods at ${s.cpuMilli}m`,
        }),
      );
      return;
    }
    const pod = pickPod(state, s.deployment, s.kind === 'ready' && s.ready ? 'unready' : 'ready');
    if (!pod)
      return notify({
        tone: 'warn',
        title: `No pod of ${s.deployment} to simulate on`,
        detail: s.kind === 'ready' && s.ready ? 'every pod is ready already' : undefined,
      });
    begin(step.id, s.trigger);
    const sim =
      s.kind === 'restart'
        ? ({ simulation: 'restart', pod: pod.name, reason: s.reason } as const)
        : ({ simulation: 'ready', pod: pod.name, ready: s.ready } as const);
    await run(
      `simulate-${step.id}`,
      `${s.label} failed`,
      () => runSimulation(namespace, sim),
      () => ({
        tone: 'ok',
        title:
          s.kind === 'restart'
            ? `Simulated a restart of ${pod.name} (${s.reason})`
            : `${pod.name} is simulated ${s.ready ? 'ready' : 'unready'}`,
      }),
    );
  }

  async function setUp() {
    setPaused(false);
    setLoad(null);
    const first = lesson.steps[0];
    setProgress(first && state ? startStep({}, first.id, state, 'set-up', Date.now()) : {});
    await run(
      'setup',
      'Set-up failed',
      () => setUpLesson(namespace, lesson.id),
      (r) => ({
        tone: 'ok',
        title: `${lesson.title}: set up in ${r.namespace}`,
        detail: `applied ${r.objects.join(', ')}`,
      }),
    );
  }

  async function cleanUp() {
    const done = await run(
      'cleanup',
      'Clean-up failed',
      () => cleanUpLesson(namespace),
      (r) => ({
        tone: 'ok',
        title: r.alreadyDeleting
          ? `${namespace} is already being deleted`
          : `Deleting namespace ${namespace}`,
        detail: 'Its pods, ReplicaSets and Services go with it.',
      }),
    );
    if (done) {
      setPaused(true);
      setLoad(null);
      setProgress({});
    }
  }

  return { progress, busy, load, cleaning: paused, action, simulate, setUp, cleanUp };
}

/**
 * The HPA lesson's load: a fixed total of CPU spread over the deployment's ready pods, as a
 * Service spreads requests, re-applied whenever the pods change (a new pod gets its share). It
 * sends one request per change of the pod set or the share, never more than one at a time.
 */
function useLoadGenerator(
  namespace: string,
  load: LoadGenerator | null,
  state: LiveState | null,
  onError: (err: Error) => void,
) {
  const applied = useRef<string | null>(null);
  const inFlight = useRef(false);
  const fail = useRef(onError);
  useEffect(() => {
    fail.current = onError;
  });
  useEffect(() => {
    if (!load || !state) {
      applied.current = null;
      return;
    }
    const pods = livePodsOf(state, load.deployment);
    if (pods.length === 0 || inFlight.current) return;
    const share = cpuShare(load.totalMilli, pods.filter((p) => p.ready).length);
    const key = `${share}|${pods
      .map((p) => p.name)
      .sort()
      .join(',')}`;
    if (key === applied.current) return;
    inFlight.current = true;
    runSimulation(namespace, { simulation: 'cpu', deployment: load.deployment, cpuMilli: share })
      .then(
        () => {
          applied.current = key;
        },
        (err: Error) => fail.current(err),
      )
      .finally(() => {
        inFlight.current = false;
      });
  }, [namespace, load, state]);
}

import { allOf, readyReplicas } from '../expect';
import type { LessonPlan } from '../lesson';
import { rolloutStep, setUpStep } from '../steps';

export const rollingUpdate: LessonPlan = {
  id: 'rolling-update',
  deployments: ['no-readiness', 'with-readiness'],
  focus: 'rollout',
  steps: [
    setUpStep('rolling-update', {
      title: 'Both Deployments start',
      look: 'Three pods each. with-readiness turns ready only after its 10 s warm-up.',
      why: 'The same app twice, each taking 10 s to warm up. Only with-readiness has a readiness probe, so only there does Kubernetes wait for it.',
      expect: allOf(readyReplicas('no-readiness', 3), readyReplicas('with-readiness', 3)),
    }),
    rolloutStep('roll-no-readiness', 'no-readiness', {
      title: 'Roll out a new version of no-readiness',
      kubectl: [
        "kubectl -n {ns} run loop --rm -it --image=busybox:1.36 --restart=Never -- sh -c 'while true; do wget -q -O- http://no-readiness/version || echo FAILED; sleep 0.2; done'",
      ],
      look: 'New pods count as ready at once, so the rollout is over in a few seconds.',
      why: 'Without a readiness probe a pod is "ready" as soon as its container runs. The Service sends it requests while the app still answers 503 for 10 s: a request loop through the Service sees failures during every rollout.',
    }),
    rolloutStep('roll-with-readiness', 'with-readiness', {
      title: 'Roll out a new version of with-readiness',
      look: 'One new pod at a time; an old pod goes only once its successor is ready. Compare the two timings.',
      why: 'maxSurge 1 and maxUnavailable 0: the controller adds one pod, waits until /readyz passes after the 10 s warm-up, then removes one old pod. It takes about 3 × 10 s, and no request fails.',
    }),
  ],
};

import { allOf, readyReplicas } from '../expect';
import type { LessonPlan } from '../lesson';
import { rolloutStep, scaleStep, setUpStep } from '../steps';

export const ingressCanary: LessonPlan = {
  id: 'ingress-canary',
  deployments: ['echo-stable', 'echo-canary'],
  // no Service is shared here (the Ingress splits), so the panels are the two rollouts
  focus: 'rollout',
  steps: [
    setUpStep('ingress-canary', {
      title: 'Stable and canary, each with its own Service',
      kubectl: ['kubectl -n {ns} get ingress'],
      look: 'Two Deployments and two Services; the Ingresses are listed by kubectl.',
      why: 'Ingress echo sends host ingress.echo.local (in a lesson: prefixed with the lesson’s namespace, so the demo’s routes and each lesson’s stay apart on the shared gateway) to Service echo-stable; Ingress echo-canary (ingress-nginx canary annotations, canary-weight 20) sends 20 % of the same host’s requests to echo-canary. On the built-in cluster Traefik’s ingress-nginx provider serves them through the gateway’s loopback entry.',
      expect: allOf(readyReplicas('echo-stable', 3), readyReplicas('echo-canary', 1)),
    }),
    scaleStep('scale-canary', 'echo-canary', 3, {
      title: 'Scale the canary to 3: the weight stays 20 %',
      kubectl: [
        'kubectl -n {ns} annotate ingress echo-canary nginx.ingress.kubernetes.io/canary-weight=50 --overwrite',
      ],
      look: 'Three canary pods, yet the traffic split does not change.',
      why: 'Here the Ingress controller picks the Service by weight before any pod is chosen, so the canary share is 20 % whatever the replica counts. Change the weight with the annotation instead.',
    }),
    rolloutStep('promote', 'echo-stable', {
      title: 'Promote: roll the stable forward',
      look: 'echo-stable is replaced pod by pod; its readiness probe keeps the rollout safe.',
      why: 'Once the canary looks good, the stable track takes its version and the canary weight can go back to 0.',
    }),
  ],
};

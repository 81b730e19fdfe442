import { readyReplicas } from '../expect';
import type { LessonPlan } from '../lesson';
import { podFailureStep, scaleStep, setUpStep } from '../steps';

export const livenessRestarts: LessonPlan = {
  id: 'liveness-restarts',
  deployments: ['echo'],
  focus: 'restarts',
  steps: [
    setUpStep('liveness-restarts', {
      title: 'Three echo pods start',
      look: 'Three tiles in the pod grid turn green.',
      why: 'The Deployment asks for 3 replicas; its ReplicaSet creates 3 pods. This story has no readiness probe, so a pod counts as ready as soon as its container runs.',
      expect: readyReplicas('echo', 3),
    }),
    podFailureStep('hang', 'echo', {
      title: 'Hang a pod with /inemuri',
      look: 'About 6 s later the pod’s restart count goes up and its tile pulses; an Unhealthy event names the probe.',
      why: 'The app stops answering for 10 s. The liveness probe (GET /healthz every 2 s, 1 s timeout) fails 3 times in a row, and the kubelet kills and restarts the container. The pod keeps its name and IP: only the container is new.',
    }),
    podFailureStep('crash', 'echo', {
      title: 'Crash a pod with /seppuku',
      look: 'The restart shows within a second or two; the last state says Error, exit code 1.',
      why: 'The process exits with code 1 and restartPolicy Always restarts the container at once: no probe has to notice. Crashing again and again would back off (10 s, 20 s, 40 s …): CrashLoopBackOff.',
    }),
    scaleStep('scale', 'echo', 10, {
      title: 'Scale to 10 replicas',
      look: 'Seven new tiles appear and turn green.',
      why: 'Each message blocks a pod for 100 ms, so one pod serves about 10 messages a second. The Service spreads connections over every ready pod: 10 pods carry 10 times the load.',
    }),
  ],
};

import { readyReplicas } from '../expect';
import { wsGoingAway, wsLoadFinished } from '../expect-traffic';
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
    {
      id: 'ws-bench',
      title: 'Run 500 WebSocket clients × 6 messages',
      look: 'In the WebSocket load panel (shown where the pods run for real), set 500 clients and 6 messages and press Connect clients. Open now climbs to 500 spread over the 10 pods; compare the total time with the ideal beside it.',
      why: 'A perfect spread puts 50 clients on each pod; each pod then handles 50 × 6 messages at 100 ms each: 30 s. The story measured 36 s. Each connection is balanced once, when it opens, so an uneven spread shows as a longer run.',
      expect: wsLoadFinished('echo'),
    },
    {
      id: 'ws-restart',
      title: 'Restart echo during a run and count the 1001 closes',
      kubectl: ['kubectl -n {ns} rollout restart deployment echo'],
      look: 'Start the clients again with more messages (say 60, so the run lasts), then restart the Deployment. The old pods close their connections with 1001 going away, not 1006; the new pods take none of them.',
      why: 'On SIGTERM the app closes each WebSocket with 1001 before it exits. The clients are not moved: a connection belongs to the pod that accepted it until it ends, which is why long-lived connections need clients that reconnect.',
      expect: wsGoingAway('echo'),
    },
  ],
};

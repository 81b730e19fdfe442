import { allOf, allPodsReady, canaryShare, podTurnedUnready, readyReplicas } from '../expect';
import { routeSampled } from '../expect-traffic';
import type { LessonPlan } from '../lesson';
import { endpointStep, rolloutStep, scaleStep, setUpStep, SIMULATE } from '../steps';

export const canary: LessonPlan = {
  id: 'canary',
  deployments: ['echo-stable', 'echo-canary'],
  focus: 'canary',
  service: 'echo',
  steps: [
    setUpStep('canary', {
      title: 'Stable and canary behind one Service',
      look: 'The canary panel: 3 stable + 1 canary ready endpoints, 75 % / 25 %.',
      why: 'Service echo selects only app=echo-canary, which both Deployments’ pods carry. It spreads connections over its ready endpoints, so each Deployment’s share is its share of the ready pods.',
      expect: allOf(
        readyReplicas('echo-stable', 3),
        readyReplicas('echo-canary', 1),
        canaryShare('echo', 'echo-canary', 0.25, 0.25),
      ),
    }),
    scaleStep('scale-canary', 'echo-canary', 3, {
      title: 'Scale the canary to 3',
      look: 'The split moves to 50 % / 50 %.',
      why: 'With a label canary the split follows the replica counts: 3 of 6 endpoints. To send 10 % to a canary you need 1 canary pod for every 9 stable ones (or an Ingress weight: next lesson).',
      expect: canaryShare('echo', 'echo-canary', 0.5, 0.5),
    }),
    {
      id: 'by-weight',
      title: 'The same two tracks by weight: an HTTPRoute',
      kubectl: [
        "for i in $(seq 100); do curl -s -H 'Host: {ns}.echo.local' http://127.0.0.1:18080/version; echo; done | grep -c 2.0.0",
      ],
      look: 'Routes and weights: HTTPRoute echo, Accepted by Gateway echo, configured 90 % / 10 % while the replicas give 50 % / 50 %. Press “Sample 200 requests through the gateway”: about 10 % come from the canary, and the pods’ own counters (observed) say the same.',
      why: 'Three shares side by side. By replicas: Service echo spreads over its ready endpoints (50/50 now). By weight: the gateway (Traefik on this cluster) reads the HTTPRoute and picks echo-stable or echo-canary for each request, 90 to 10, whatever the replica counts. Measured: Podium’s sample through the gateway’s entry with the route’s Host header, and what the pods counted themselves. Edit a weight in the table and sample again to move it.',
      expect: routeSampled('echo', 'echo-canary', 0.03, 0.2),
    },
    endpointStep({
      id: 'unready',
      title: 'A canary pod stops being ready',
      deployment: 'echo-canary',
      endpoint: 'inemuri',
      label: 'Hang a canary pod (/inemuri)',
      simulate: { kind: 'ready', ready: false, label: 'Simulate a failing readiness probe' },
      look: 'The pod stays, but leaves the Service: the canary’s share drops to 2 of 5 = 40 %.',
      why: 'Its readiness probe (/readyz every 5 s, 2 failures) fails while the app hangs, and the EndpointSlice controller marks it not ready. Nothing restarts: readiness only decides who gets traffic.',
      expect: podTurnedUnready('echo-canary'),
    }),
    {
      id: 'ready-again',
      title: 'It comes back',
      needsLiveApp: true,
      simulate: {
        kind: 'ready',
        deployment: 'echo-canary',
        ready: true,
        label: 'Simulate the probe passing again',
        trigger: SIMULATE,
      },
      look: 'Back to 50 %. On a real cluster this happens by itself when the 10 s hang ends.',
      why: 'One successful readiness probe (successThreshold 1) puts the pod back into the Service.',
      expect: allOf(allPodsReady('echo-canary'), canaryShare('echo', 'echo-canary', 0.5, 0.5)),
    },
    rolloutStep('promote', 'echo-stable', {
      title: 'Promote: roll the stable forward',
      kubectl: ['kubectl -n {ns} scale deployment echo-canary --replicas=0'],
      look: 'echo-stable’s pods are replaced one by one by the new version; then the canary can go.',
      why: 'Promoting a canary means the stable Deployment takes its version. Both stay behind the Service during the rollout, so traffic never stops.',
    }),
  ],
};

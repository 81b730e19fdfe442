import { hpaDesiredAbove, readyReplicas, scaledDownTo } from '../expect';
import type { LessonPlan } from '../lesson';
import { setUpStep } from '../steps';

export const hpaScaling: LessonPlan = {
  id: 'hpa-scaling',
  deployments: ['echo'],
  focus: 'hpa',
  steps: [
    setUpStep('hpa-scaling', {
      title: 'The HPA brings echo to its minimum',
      look: 'Two pods, and the autoscaler panel with CPU utilization against the 50 % target.',
      why: 'The Deployment sets no replica count: it starts with 1 pod, and the HPA (min 2, max 6) scales it to 2 at its next sync.',
      expect: readyReplicas('echo', 2),
    }),
    {
      id: 'load',
      title: 'Put load on it',
      needsLiveApp: true,
      simulate: {
        kind: 'load',
        deployment: 'echo',
        totalMilli: 300,
        label: 'Simulate load (300m over the pods)',
        trigger: 'load started',
      },
      kubectl: [
        'kubectl -n {ns} run load --image=busybox:1.36 --restart=Never -- sh -c \'while true; do wget -q -O- "http://echo/cpu?ms=200"; done\'',
      ],
      look: 'CPU rises in the chart; the HPA panel shows the formula with live numbers and the desired count jumps.',
      why: 'On a real cluster the load comes from requests to the demo app’s /cpu endpoint. Here 300m of CPU is spread over the pods: 150m each on 2 pods, 150 % of the 100m request, so the formula says ceil(2 × 150 / 50) = 6 (in one jump or a few steps, as metrics-server’s CPU rate catches up). metrics-server samples every 10 s; the HPA syncs every 5 s here (15 s by default).',
      expect: hpaDesiredAbove('echo', 2),
    },
    {
      id: 'six',
      title: 'Six replicas share the load',
      look: 'Four new pods start; the load spreads over them.',
      why: 'The same 300m over 6 pods is 50m each: 50 %, on target, so the HPA stays at 6 (it ignores changes within its 10 % tolerance). The load generator gives new pods their share, as a Service would.',
      expect: readyReplicas('echo', 6),
      timedFrom: 'load',
    },
    {
      id: 'unload',
      title: 'Stop the load and wait',
      needsLiveApp: true,
      simulate: {
        kind: 'idle',
        deployment: 'echo',
        cpuMilli: 5,
        label: 'Stop the load',
        trigger: 'load stopped',
      },
      kubectl: ['kubectl -n {ns} delete pod load'],
      look: 'Utilization drops at once; the replica count does not, for about 5 minutes.',
      why: 'The formula now says 1 (clamped to min 2), but for scaling down the HPA uses the highest recommendation of the last 5 minutes (the scale-down stabilization window, 300 s), so a short dip does not remove pods.',
      expect: scaledDownTo('echo', 2),
    },
  ],
};

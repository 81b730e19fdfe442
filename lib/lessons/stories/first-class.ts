import { readyReplicas } from '../expect';
import type { LessonPlan } from '../lesson';
import { podFailureStep, rolloutStep, setUpStep } from '../steps';

export const firstClass: LessonPlan = {
  id: 'first-class',
  deployments: ['echo'],
  focus: 'probes',
  steps: [
    setUpStep('first-class', {
      title: 'Three well-behaved pods start',
      look: 'The probe list shows all three kinds: startup (HTTP), readiness (TCP), liveness (exec).',
      why: 'The startup probe (/healthz every 1 s, up to 30 tries) holds the other probes back until the app is up; then a plain TCP connect decides readiness.',
      expect: readyReplicas('echo', 3),
    }),
    podFailureStep('hang', 'echo', {
      title: 'Hang a pod: the exec liveness probe notices',
      look: 'About 10 s later the pod restarts, and its row says why: "Liveness probe failed", though the app itself exits 0 on SIGTERM.',
      why: 'The liveness probe runs a command inside the container every 5 s (busybox `nc -w 1 127.0.0.1 8080` sends GET /healthz; no second runtime); it fails when /healthz does not answer within 1 s. Two failures and the kubelet restarts the container.',
    }),
    rolloutStep('roll', 'echo', {
      title: 'Roll out a new version: graceful shutdown',
      look: 'Old pods show Terminating for a moment while new ones take over.',
      why: 'Each old pod gets SIGTERM: its readiness turns false, it drains for 5 s so the Service stops sending it requests, finishes what it has, closes WebSockets with 1001 and exits well within the 30 s grace period.',
    }),
  ],
};

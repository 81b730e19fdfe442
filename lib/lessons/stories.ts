// The lessons: each demo story (demo/manifests/stories, titles and summaries from its index.json)
// as a short guided sequence. A step says what to do (a Podium action, a Simulate button for the
// built-in cluster, or a kubectl command), what to look at and why, and what Podium checks in the
// live state (lib/lessons/expect.ts) to tick it off and time it.
import storyIndex from '../../demo/manifests/stories/index.json';
import {
  allOf,
  allPodsReady,
  canaryShare,
  hpaDesiredAbove,
  newReplicaSetReady,
  podRestarted,
  podTurnedUnready,
  readyReplicas,
  scaledDownTo,
  type Expectation,
} from './expect';

export type RestartReason = 'Error' | 'OOMKilled' | 'Liveness';

/** A button that calls one of Podium's existing action routes. */
export type StepAction = { label: string; trigger: string } & (
  | { kind: 'scale'; deployment: string; replicas: number }
  /** a new version through the deployment's version env (podium.dev/version-env): a rolling update */
  | { kind: 'rollout'; deployment: string; container: string }
  /** a declared pod endpoint (/inemuri, /seppuku) on the deployment's first ready pod */
  | { kind: 'endpoint'; deployment: string; endpoint: string }
);

/** What the Simulate button does on the built-in (kwok) cluster, through the simulate route. */
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

type StoryText = { id: string; title: string; summary: string; namespaceSuffix: string };
type LessonPlan = Omit<Lesson, 'title' | 'summary' | 'namespaceSuffix'>;

const apply = (id: string) => `kubectl apply --server-side -k demo/manifests/stories/${id} -n {ns}`;
const SIMULATE = 'Simulate';

const PLANS: LessonPlan[] = [
  {
    id: 'liveness-restarts',
    deployments: ['echo'],
    focus: 'restarts',
    steps: [
      {
        id: 'up',
        title: 'Three echo pods start',
        kubectl: [apply('liveness-restarts')],
        look: 'Three tiles in the pod grid turn green.',
        why: 'The Deployment asks for 3 replicas; its ReplicaSet creates 3 pods. This story has no readiness probe, so a pod counts as ready as soon as its container runs.',
        expect: readyReplicas('echo', 3),
      },
      {
        id: 'hang',
        title: 'Hang a pod with /inemuri',
        action: { kind: 'endpoint', deployment: 'echo', endpoint: 'inemuri', label: 'Hang a pod (/inemuri)', trigger: '/inemuri' },
        needsLiveApp: true,
        simulate: { kind: 'restart', deployment: 'echo', reason: 'Liveness', label: 'Simulate a liveness restart', trigger: SIMULATE },
        look: 'About 6 s later the pod’s restart count goes up and its tile pulses; an Unhealthy event names the probe.',
        why: 'The app stops answering for 10 s. The liveness probe (GET /healthz every 2 s, 1 s timeout) fails 3 times in a row, and the kubelet kills and restarts the container. The pod keeps its name and IP: only the container is new.',
        expect: podRestarted('echo'),
      },
      {
        id: 'crash',
        title: 'Crash a pod with /seppuku',
        action: { kind: 'endpoint', deployment: 'echo', endpoint: 'seppuku', label: 'Crash a pod (/seppuku)', trigger: '/seppuku' },
        needsLiveApp: true,
        simulate: { kind: 'restart', deployment: 'echo', reason: 'Error', label: 'Simulate a crash (exit 1)', trigger: SIMULATE },
        look: 'The restart shows within a second or two; the last state says Error, exit code 1.',
        why: 'The process exits with code 1 and restartPolicy Always restarts the container at once: no probe has to notice. Crashing again and again would back off (10 s, 20 s, 40 s …): CrashLoopBackOff.',
        expect: podRestarted('echo'),
      },
      {
        id: 'scale',
        title: 'Scale to 10 replicas',
        action: { kind: 'scale', deployment: 'echo', replicas: 10, label: 'Scale echo to 10', trigger: 'the scale' },
        kubectl: ['kubectl -n {ns} scale deployment echo --replicas=10'],
        look: 'Seven new tiles appear and turn green.',
        why: 'Each message blocks a pod for 100 ms, so one pod serves about 10 messages a second. The Service spreads connections over every ready pod: 10 pods carry 10 times the load.',
        expect: readyReplicas('echo', 10),
      },
    ],
  },
  {
    id: 'rolling-update',
    deployments: ['no-readiness', 'with-readiness'],
    focus: 'rollout',
    steps: [
      {
        id: 'up',
        title: 'Both Deployments start',
        kubectl: [apply('rolling-update')],
        look: 'Three pods each. with-readiness turns ready only after its 10 s warm-up.',
        why: 'The same app twice, each taking 10 s to warm up. Only with-readiness has a readiness probe, so only there does Kubernetes wait for it.',
        expect: allOf(readyReplicas('no-readiness', 3), readyReplicas('with-readiness', 3)),
      },
      {
        id: 'roll-no-readiness',
        title: 'Roll out a new version of no-readiness',
        action: { kind: 'rollout', deployment: 'no-readiness', container: 'echo', label: 'Roll out no-readiness', trigger: 'the roll-out' },
        kubectl: [
          'kubectl -n {ns} set env deployment/no-readiness APP_VERSION=2.0.0',
          "kubectl -n {ns} run loop --rm -it --image=busybox:1.36 --restart=Never -- sh -c 'while true; do wget -q -O- http://no-readiness/version || echo FAILED; sleep 0.2; done'",
        ],
        look: 'New pods count as ready at once, so the rollout is over in a few seconds.',
        why: 'Without a readiness probe a pod is "ready" as soon as its container runs. The Service sends it requests while the app still answers 503 for 10 s: a request loop through the Service sees failures during every rollout.',
        expect: newReplicaSetReady('no-readiness'),
      },
      {
        id: 'roll-with-readiness',
        title: 'Roll out a new version of with-readiness',
        action: { kind: 'rollout', deployment: 'with-readiness', container: 'echo', label: 'Roll out with-readiness', trigger: 'the roll-out' },
        kubectl: ['kubectl -n {ns} set env deployment/with-readiness APP_VERSION=2.0.0'],
        look: 'One new pod at a time; an old pod goes only once its successor is ready. Compare the two timings.',
        why: 'maxSurge 1 and maxUnavailable 0: the controller adds one pod, waits until /readyz passes after the 10 s warm-up, then removes one old pod. It takes about 3 × 10 s, and no request fails.',
        expect: newReplicaSetReady('with-readiness'),
      },
    ],
  },
  {
    id: 'hpa-scaling',
    deployments: ['echo'],
    focus: 'hpa',
    steps: [
      {
        id: 'up',
        title: 'The HPA brings echo to its minimum',
        kubectl: [apply('hpa-scaling')],
        look: 'Two pods, and the autoscaler panel with CPU utilization against the 50 % target.',
        why: 'The Deployment sets no replica count: it starts with 1 pod, and the HPA (min 2, max 6) scales it to 2 at its next sync.',
        expect: readyReplicas('echo', 2),
      },
      {
        id: 'load',
        title: 'Put load on it',
        needsLiveApp: true,
        simulate: { kind: 'load', deployment: 'echo', totalMilli: 300, label: 'Simulate load (300m over the pods)', trigger: 'load started' },
        kubectl: [
          "kubectl -n {ns} run load --image=busybox:1.36 --restart=Never -- sh -c 'while true; do wget -q -O- \"http://echo/cpu?ms=200\"; done'",
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
        simulate: { kind: 'idle', deployment: 'echo', cpuMilli: 5, label: 'Stop the load', trigger: 'load stopped' },
        kubectl: ['kubectl -n {ns} delete pod load'],
        look: 'Utilization drops at once; the replica count does not, for about 5 minutes.',
        why: 'The formula now says 1 (clamped to min 2), but for scaling down the HPA uses the highest recommendation of the last 5 minutes (the scale-down stabilization window, 300 s), so a short dip does not remove pods.',
        expect: scaledDownTo('echo', 2),
      },
    ],
  },
  {
    id: 'canary',
    deployments: ['echo-stable', 'echo-canary'],
    focus: 'canary',
    service: 'echo',
    steps: [
      {
        id: 'up',
        title: 'Stable and canary behind one Service',
        kubectl: [apply('canary')],
        look: 'The canary panel: 3 stable + 1 canary ready endpoints, 75 % / 25 %.',
        why: 'Service echo selects only app=echo-canary, which both Deployments’ pods carry. It spreads connections over its ready endpoints, so each Deployment’s share is its share of the ready pods.',
        expect: allOf(readyReplicas('echo-stable', 3), readyReplicas('echo-canary', 1), canaryShare('echo', 'echo-canary', 0.25, 0.25)),
      },
      {
        id: 'scale-canary',
        title: 'Scale the canary to 3',
        action: { kind: 'scale', deployment: 'echo-canary', replicas: 3, label: 'Scale echo-canary to 3', trigger: 'the scale' },
        kubectl: ['kubectl -n {ns} scale deployment echo-canary --replicas=3'],
        look: 'The split moves to 50 % / 50 %.',
        why: 'With a label canary the split follows the replica counts: 3 of 6 endpoints. To send 10 % to a canary you need 1 canary pod for every 9 stable ones (or an Ingress weight: next lesson).',
        expect: canaryShare('echo', 'echo-canary', 0.5, 0.5),
      },
      {
        id: 'unready',
        title: 'A canary pod stops being ready',
        action: { kind: 'endpoint', deployment: 'echo-canary', endpoint: 'inemuri', label: 'Hang a canary pod (/inemuri)', trigger: '/inemuri' },
        needsLiveApp: true,
        simulate: { kind: 'ready', deployment: 'echo-canary', ready: false, label: 'Simulate a failing readiness probe', trigger: SIMULATE },
        look: 'The pod stays, but leaves the Service: the canary’s share drops to 2 of 5 = 40 %.',
        why: 'Its readiness probe (/readyz every 5 s, 2 failures) fails while the app hangs, and the EndpointSlice controller marks it not ready. Nothing restarts: readiness only decides who gets traffic.',
        expect: podTurnedUnready('echo-canary'),
      },
      {
        id: 'ready-again',
        title: 'It comes back',
        needsLiveApp: true,
        simulate: { kind: 'ready', deployment: 'echo-canary', ready: true, label: 'Simulate the probe passing again', trigger: SIMULATE },
        look: 'Back to 50 %. On a real cluster this happens by itself when the 10 s hang ends.',
        why: 'One successful readiness probe (successThreshold 1) puts the pod back into the Service.',
        expect: allOf(allPodsReady('echo-canary'), canaryShare('echo', 'echo-canary', 0.5, 0.5)),
      },
      {
        id: 'promote',
        title: 'Promote: roll the stable forward',
        action: { kind: 'rollout', deployment: 'echo-stable', container: 'echo', label: 'Roll out echo-stable', trigger: 'the roll-out' },
        kubectl: ['kubectl -n {ns} set env deployment/echo-stable APP_VERSION=2.0.0', 'kubectl -n {ns} scale deployment echo-canary --replicas=0'],
        look: 'echo-stable’s pods are replaced one by one by the new version; then the canary can go.',
        why: 'Promoting a canary means the stable Deployment takes its version. Both stay behind the Service during the rollout, so traffic never stops.',
        expect: newReplicaSetReady('echo-stable'),
      },
    ],
  },
  {
    id: 'ingress-canary',
    deployments: ['echo-stable', 'echo-canary'],
    // no Service is shared here (the Ingress splits), so the panels are the two rollouts
    focus: 'rollout',
    steps: [
      {
        id: 'up',
        title: 'Stable and canary, each with its own Service',
        kubectl: [apply('ingress-canary'), 'kubectl -n {ns} get ingress'],
        look: 'Two Deployments and two Services; the Ingresses are listed by kubectl.',
        why: 'Ingress echo sends host echo.local to Service echo-stable; Ingress echo-canary (ingress-nginx canary annotations, canary-weight 20) sends 20 % of the same host’s requests to echo-canary. The built-in cluster has no Ingress controller: the objects are stored, not served.',
        expect: allOf(readyReplicas('echo-stable', 3), readyReplicas('echo-canary', 1)),
      },
      {
        id: 'scale-canary',
        title: 'Scale the canary to 3: the weight stays 20 %',
        action: { kind: 'scale', deployment: 'echo-canary', replicas: 3, label: 'Scale echo-canary to 3', trigger: 'the scale' },
        kubectl: ['kubectl -n {ns} scale deployment echo-canary --replicas=3', "kubectl -n {ns} annotate ingress echo-canary nginx.ingress.kubernetes.io/canary-weight=50 --overwrite"],
        look: 'Three canary pods, yet the traffic split does not change.',
        why: 'Here the Ingress controller picks the Service by weight before any pod is chosen, so the canary share is 20 % whatever the replica counts. Change the weight with the annotation instead.',
        expect: readyReplicas('echo-canary', 3),
      },
      {
        id: 'promote',
        title: 'Promote: roll the stable forward',
        action: { kind: 'rollout', deployment: 'echo-stable', container: 'echo', label: 'Roll out echo-stable', trigger: 'the roll-out' },
        kubectl: ['kubectl -n {ns} set env deployment/echo-stable APP_VERSION=2.0.0'],
        look: 'echo-stable is replaced pod by pod; its readiness probe keeps the rollout safe.',
        why: 'Once the canary looks good, the stable track takes its version and the canary weight can go back to 0.',
        expect: newReplicaSetReady('echo-stable'),
      },
    ],
  },
  {
    id: 'first-class',
    deployments: ['echo'],
    focus: 'probes',
    steps: [
      {
        id: 'up',
        title: 'Three well-behaved pods start',
        kubectl: [apply('first-class')],
        look: 'The probe list shows all three kinds: startup (HTTP), readiness (TCP), liveness (exec).',
        why: 'The startup probe (/healthz every 1 s, up to 30 tries) holds the other probes back until the app is up; then a plain TCP connect decides readiness.',
        expect: readyReplicas('echo', 3),
      },
      {
        id: 'hang',
        title: 'Hang a pod: the exec liveness probe notices',
        action: { kind: 'endpoint', deployment: 'echo', endpoint: 'inemuri', label: 'Hang a pod (/inemuri)', trigger: '/inemuri' },
        needsLiveApp: true,
        simulate: { kind: 'restart', deployment: 'echo', reason: 'Liveness', label: 'Simulate a liveness restart', trigger: SIMULATE },
        look: 'About 10 s later the pod restarts.',
        why: 'The liveness probe runs `node /app/src/liveness.ts` inside the container every 5 s; it fails when /healthz does not answer within 1 s. Two failures and the kubelet restarts the container.',
        expect: podRestarted('echo'),
      },
      {
        id: 'roll',
        title: 'Roll out a new version: graceful shutdown',
        action: { kind: 'rollout', deployment: 'echo', container: 'echo', label: 'Roll out echo', trigger: 'the roll-out' },
        kubectl: ['kubectl -n {ns} set env deployment/echo APP_VERSION=2.0.0'],
        look: 'Old pods show Terminating for a moment while new ones take over.',
        why: 'Each old pod gets SIGTERM: its readiness turns false, it drains for 5 s so the Service stops sending it requests, finishes what it has, closes WebSockets with 1001 and exits well within the 30 s grace period.',
        expect: newReplicaSetReady('echo'),
      },
    ],
  },
];

const TEXTS: readonly StoryText[] = storyIndex;

export const LESSONS: readonly Lesson[] = PLANS.map((plan) => {
  const text = TEXTS.find((t) => t.id === plan.id);
  if (!text) throw new Error(`lesson ${plan.id} has no story in demo/manifests/stories/index.json`);
  return { ...plan, title: text.title, summary: text.summary, namespaceSuffix: text.namespaceSuffix };
});

export const LESSON_IDS = LESSONS.map((l) => l.id);

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export function lessonNamespace(prefix: string, lesson: Pick<Lesson, 'namespaceSuffix'>): string {
  return `${prefix}${lesson.namespaceSuffix}`;
}

/** The lesson whose namespace this is, if any. */
export function lessonOfNamespace(prefix: string, namespace: string): Lesson | undefined {
  return LESSONS.find((l) => lessonNamespace(prefix, l) === namespace);
}

/** "1.0.0" -> "2.0.0", "2.0.0" -> "3.0.0"; anything else gets "-next" (a roll-out needs a new value). */
export function nextVersion(current: string | null | undefined): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(current ?? '');
  if (m) return `${Number(m[1]) + 1}.0.0`;
  return current ? `${current.slice(0, 100)}-next` : '2.0.0';
}

/** Replaces "{ns}" in a kubectl hint. */
export function kubectlLine(line: string, namespace: string): string {
  return line.replaceAll('{ns}', namespace);
}

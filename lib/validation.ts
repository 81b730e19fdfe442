import { z } from 'zod';
import { APP_METRICS_RANGES, DEFAULT_RANGE, METRIC_KEY_RE } from './models/appmetrics/query';
import { RESTART_REASONS, type Simulation } from './models/contract';
import { CPU_MAX_MILLI, CPU_MIN_MILLI } from './models/simulation';
import { MAX_POD_TAIL_LINES, MAX_TAIL_LINES } from './models/logs/wire';

// Every parameter and body Podium accepts, validated with zod before any request reaches the API
// server: the one home for validation (route handlers, lib/k8s/ and the lesson apply plan use it).

// ---- names as Kubernetes validates them ----------------------------------------------------------
// https://kubernetes.io/docs/concepts/overview/working-with-objects/names/

/** RFC 1123 label: namespaces, services. */
export const dnsLabel = z
  .string()
  .min(1, 'must not be empty')
  .max(63, 'must be at most 63 characters')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be lower-case letters, digits and "-", starting and ending with a letter or digit',
  );

/** RFC 1123 subdomain: deployments, pods, most object names. */
export const dnsSubdomain = z
  .string()
  .min(1, 'must not be empty')
  .max(253, 'must be at most 253 characters')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    'must be lower-case letters, digits, "-" and ".", starting and ending with a letter or digit',
  );

export const namespaceName = dnsLabel;
export const objectName = dnsSubdomain;

/** The first problem of a failed parse as one sentence, e.g. "namespace: must not be empty". */
export function describeIssue(error: z.ZodError, field?: string): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  const path = issue.path.length ? issue.path.join('.') : field;
  return path ? `${path}: ${issue.message}` : issue.message;
}

// ---- the bodies and path parameters of Podium's action routes ------------------------------------
// Every body is .strict(): a field Podium does not know is a mistake or a probe, and is refused
// rather than ignored.

/** A bound read from the configuration (PODIUM_MAX_REPLICAS) at request time. */
const replicaCount = (max: number) =>
  z
    .number({ error: (i) => (i.input === undefined ? 'is required' : 'must be a number') })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(max, `must be at most ${max} (PODIUM_MAX_REPLICAS)`);

export const scaleBody = (maxReplicas: number) =>
  z.object({ replicas: replicaCount(maxReplicas), force: z.boolean().optional() }).strict();

export const emptyBody = z.object({}).strict();

// A container image reference as the distribution spec defines it, conservatively:
// [registry[:port]/]path[/path...][:tag][@algorithm:hex]. No whitespace, no shell characters.
// https://github.com/distribution/reference/blob/main/regexp.go
const domainPart = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `${domainPart}(?:\\.${domainPart})*(?::[0-9]{1,5})?`;
const pathPart = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const tag = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
export const IMAGE_RE = new RegExp(
  `^(?:${domain}/)?${pathPart}(?:/${pathPart})*(?::${tag})?(?:@${digest})?$`,
);

export const imageRef = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(512, 'must be at most 512 characters')
  .regex(
    IMAGE_RE,
    'must be an image reference like registry.example/team/app:1.2.3 (lower-case path, optional tag and digest)',
  );

/** Container names are DNS labels. */
export const containerName = dnsLabel;

export const imageBody = z.object({ container: containerName, image: imageRef }).strict();

/** A version value: printable ASCII, short; it ends up in an env var of every pod. */
export const versionValue = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(128, 'must be at most 128 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._+:@-]*$/, 'must be letters, digits and . _ + : @ - (e.g. 1.4.0)');

export const versionBody = z.object({ container: containerName, value: versionValue }).strict();

export const rollbackBody = z
  .object({
    revision: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(2 ** 31 - 1),
  })
  .strict();

export const hpaBoundsBody = (maxReplicas: number) =>
  z
    .object({
      minReplicas: replicaCount(maxReplicas).min(1, 'must be at least 1'),
      maxReplicas: replicaCount(maxReplicas).min(1, 'must be at least 1'),
    })
    .strict()
    .refine((b) => b.minReplicas <= b.maxReplicas, {
      message: 'must not be above maxReplicas',
      path: ['minReplicas'],
    });

/**
 * What is wrong with an HPA's new bounds, in the words the scale control shows as the user types and
 * the server answers (lib/k8s/hpas.ts checks it again before writing), or null.
 */
export function hpaBoundsProblem(min: number, max: number, maxReplicas: number): string | null {
  if (!Number.isInteger(min) || !Number.isInteger(max))
    return 'minReplicas and maxReplicas must be whole numbers';
  if (min < 1) return 'minReplicas must be at least 1';
  if (min > max) return `minReplicas (${min}) must not be above maxReplicas (${max})`;
  if (max > maxReplicas) return `maxReplicas must be at most ${maxReplicas} (PODIUM_MAX_REPLICAS)`;
  return null;
}

export const unlockBody = z
  .object({
    token: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(1024, 'is too long'),
  })
  .strict();

/** Endpoint ids as lib/models/pod-endpoints.ts accepts them in the annotation. */
export const endpointId = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, 'must be 1-40 lower-case letters, digits or "-"');

export const deploymentParams = z.object({ namespace: dnsLabel, name: dnsSubdomain });
export const podParams = z.object({ namespace: dnsLabel, pod: dnsSubdomain });
/** ?key=&range= of the app-metrics route: a default chart or a metric name, a range of seconds. */
export const appMetricsQuery = z.object({
  key: z
    .string()
    .regex(METRIC_KEY_RE, 'must be a metric name (letters, digits, _ and :)')
    .default('requests'),
  range: z.coerce
    .number()
    .int()
    .refine(
      (n) => (APP_METRICS_RANGES as readonly number[]).includes(n),
      `must be one of ${APP_METRICS_RANGES.join(', ')}`,
    )
    .default(DEFAULT_RANGE),
});
/** ?deployments=a,b of the observed-split route: two to ten Deployment names. */
export const observedSplitQuery = z.object({
  deployments: z
    .string()
    .transform((s) => s.split(','))
    .pipe(z.array(dnsSubdomain).min(1).max(10)),
});
export const endpointParams = z.object({ namespace: dnsLabel, pod: dnsSubdomain, endpoint: endpointId });
export const hpaParams = z.object({ namespace: dnsLabel, name: dnsSubdomain });
/** Routes about a whole namespace: a lesson's, the canary actions. */
export const namespaceParams = z.object({ namespace: dnsLabel });
/** A lesson's set-up: one of the catalogue's stories (lib/lessons/stories, which imports this file). */
export const lessonSetupBody = (ids: readonly string[]) =>
  z
    .object({ story: z.enum(ids as [string, ...string[]], { error: `must be one of ${ids.join(', ')}` }) })
    .strict();

/**
 * A Podium page a class is sent to (GET /api/class?path=…): the home page, a namespace, one of its
 * deployments, its lessons or one lesson. Anything else would put an arbitrary link on the projector.
 */
export const studentPath = z
  .string({ error: 'is required (a Podium page, e.g. /ns/demo/deployments/web)' })
  .max(400, 'must be at most 400 characters')
  .refine((p) => {
    if (p === '/') return true;
    const [empty, ns, namespace, kind, name, ...rest] = p.split('/');
    if (empty !== '' || ns !== 'ns' || rest.length > 0 || !dnsLabel.safeParse(namespace).success)
      return false;
    if (kind === undefined) return true;
    if (kind === 'deployments') return dnsSubdomain.safeParse(name).success;
    return kind === 'lessons' && (name === undefined || dnsLabel.safeParse(name).success);
  }, 'must be a Podium page: /, /ns/<namespace>, /ns/<namespace>/deployments/<name>, /ns/<namespace>/lessons[/<lesson>]');

// ---- the live stream's scope (lib/models/stream-scope.ts) ----------------------------------------

/** GET /api/stream: a namespace, and what the page shows of it (a Deployment, or the overview). */
export const streamQuery = z
  .object({
    namespace: namespaceName,
    deployment: objectName.optional(),
    view: z.enum(['overview'], { error: 'must be "overview" (or left out)' }).optional(),
  })
  .strict()
  .refine((q) => !(q.deployment && q.view), {
    message: 'give either deployment=<name> or view=overview, not both',
    path: ['view'],
  });

// ---- the logs routes (lib/k8s/logs/) ---------------------------------------------------------------

const whole = (min: number, max: number) =>
  z
    .string()
    .regex(/^[0-9]{1,9}$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);
const yesNo = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

/** GET …/deployments/{name}/logs (Server-Sent Events): which container, how far back. */
export const deploymentLogsQuery = z
  .object({
    container: containerName.optional(),
    tailLines: whole(1, MAX_TAIL_LINES).optional(),
    sinceSeconds: whole(1, 7 * 86_400).optional(),
  })
  .strict();

/** GET …/pods/{pod}/logs: JSON lines (previous=true: the container before its last restart), or follow=true (SSE). */
export const podLogsQuery = z
  .object({
    container: containerName.optional(),
    previous: yesNo.optional(),
    follow: yesNo.optional(),
    tailLines: whole(1, MAX_POD_TAIL_LINES).optional(),
    sinceSeconds: whole(1, 7 * 86_400).optional(),
  })
  .strict()
  .refine((q) => !(q.previous && q.follow), {
    message: "a previous container's log is complete: previous=true cannot follow",
    path: ['follow'],
  });

// ---- the CPU/memory history from Prometheus (lib/k8s/prometheus/usage.ts) ----------------------------

/** GET …/deployments/{name}/usage-history: the chart's range, a minute to a week. */
export const usageHistoryQuery = z.object({ rangeMinutes: whole(1, 7 * 24 * 60).optional() }).strict();

// ---- the lesson simulations (lib/models/simulation.ts) --------------------------------------------

const cpuMilli = z
  .number({ error: (i) => (i.input === undefined ? 'is required' : 'must be a number of millicores') })
  .int('must be a whole number of millicores')
  .min(CPU_MIN_MILLI, `must be at least ${CPU_MIN_MILLI} (1m)`)
  .max(CPU_MAX_MILLI, `must be at most ${CPU_MAX_MILLI} (4000m)`);

export const simulationBody: z.ZodType<Simulation> = z.discriminatedUnion(
  'simulation',
  [
    z
      .object({
        simulation: z.literal('restart'),
        pod: dnsSubdomain,
        reason: z.enum(RESTART_REASONS, { error: `must be one of ${RESTART_REASONS.join(', ')}` }),
      })
      .strict(),
    z
      .object({
        simulation: z.literal('ready'),
        pod: dnsSubdomain,
        ready: z.boolean({ error: 'must be true or false' }),
      })
      .strict(),
    z.object({ simulation: z.literal('cpu'), deployment: dnsSubdomain, cpuMilli }).strict(),
  ],
  { error: 'must be "restart", "ready" or "cpu"' },
);

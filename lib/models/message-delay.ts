// How long the app behind a Service spends on each WebSocket message, when it says so: the ideal run
// time of the websockets story (clients ÷ pods × messages × delay) needs it. An app declares it with
// the annotation podium.dev/message-delay-ms on its Deployment, or, for the demo app, with the literal
// value of its ECHO_DELAY_MS env var (demo/src/config.ts), its own knob for the story's 100 ms.
// Only that one env var's literal value is read: other values may be secret.

export const DELAY_ANNOTATION = 'podium.dev/message-delay-ms';
export const DELAY_ENV = 'ECHO_DELAY_MS';

/** The few fields of a Deployment this reads. */
export interface DelayDeclaringDeployment {
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: {
    template?: {
      spec?: { containers?: { env?: { name?: string; value?: string; valueFrom?: unknown }[] }[] };
    };
  };
}

export interface DeclaredDelay {
  delayMs: number | null;
  /** where it was read, or why it is unknown */
  source: string;
}

const asMs = (v: string | undefined): number | null => {
  if (v === undefined || !/^\d{1,6}$/.test(v.trim())) return null;
  return Number(v.trim());
};

function delayOf(d: DelayDeclaringDeployment): { ms: number; source: string } | null {
  const fromAnnotation = asMs(d.metadata.annotations?.[DELAY_ANNOTATION]);
  if (fromAnnotation !== null)
    return { ms: fromAnnotation, source: `${DELAY_ANNOTATION} of deployment ${d.metadata.name}` };
  for (const c of d.spec?.template?.spec?.containers ?? []) {
    const env = c.env?.find((e) => e.name === DELAY_ENV);
    const ms = env && env.valueFrom == null ? asMs(env.value) : null;
    if (ms !== null) return { ms, source: `${DELAY_ENV} of deployment ${d.metadata.name}` };
  }
  return null;
}

/**
 * The delay the Service's Deployments declare: known only when every one of them declares the same
 * value (a canary with another delay makes the ideal meaningless).
 */
export function declaredDelay(deployments: readonly DelayDeclaringDeployment[]): DeclaredDelay {
  if (deployments.length === 0) return { delayMs: null, source: 'no Deployment selected by the Service' };
  const found = deployments.map(delayOf);
  if (found.some((f) => f === null))
    return {
      delayMs: null,
      source: `the app declares no delay per message (${DELAY_ANNOTATION} or ${DELAY_ENV})`,
    };
  const values = new Set(found.map((f) => f!.ms));
  if (values.size > 1)
    return { delayMs: null, source: 'the Deployments behind the Service declare different delays' };
  return { delayMs: found[0]!.ms, source: found.map((f) => f!.source).join(', ') };
}

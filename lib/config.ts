import 'server-only';

// Podium's own settings, all from environment variables (documented in the README).

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function flag(value: string | undefined): boolean {
  return ['1', 'true', 'yes', 'on'].includes((value ?? '').toLowerCase());
}

function int(value: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

export interface PodiumConfig {
  readOnly: boolean;
  /** empty = every namespace; entries may end with * for a prefix */
  namespaces: string[];
  context: string | null;
  actionToken: string | null;
  maxReplicas: number;
  lessonPrefix: string;
  defaultNamespace: string | null;
  /** extra origins allowed to call mutating routes, besides the request's own host */
  allowedOrigins: string[];
}

export function getConfig(env: NodeJS.ProcessEnv = process.env): PodiumConfig {
  return {
    readOnly: flag(env.PODIUM_READ_ONLY),
    namespaces: list(env.PODIUM_NAMESPACES),
    context: env.PODIUM_CONTEXT?.trim() || null,
    actionToken: env.PODIUM_ACTION_TOKEN?.trim() || null,
    maxReplicas: int(env.PODIUM_MAX_REPLICAS, 50, 0, 10_000),
    lessonPrefix: env.PODIUM_LESSON_PREFIX?.trim() || 'lesson-',
    defaultNamespace: env.PODIUM_DEFAULT_NAMESPACE?.trim() || null,
    allowedOrigins: list(env.PODIUM_ALLOWED_ORIGINS),
  };
}

export function namespaceAllowed(namespace: string, allow: string[]): boolean {
  if (allow.length === 0) return true;
  return allow.some((a) => (a.endsWith('*') ? namespace.startsWith(a.slice(0, -1)) : a === namespace));
}

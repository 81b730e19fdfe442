import 'server-only';
import { readFileSync } from 'node:fs';
import { classActionToken, classSettings } from './class-mode';

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
  /** PODIUM_CLASS: served to a class on the LAN, watch-only without the action token (lib/class-mode.ts) */
  classMode: boolean;
  /** PODIUM_LOGS=off hides the Logs panel and closes the logs routes (404) */
  logs: boolean;
}

export function getConfig(env: NodeJS.ProcessEnv = process.env): PodiumConfig {
  const classMode = classSettings(env).enabled;
  return {
    readOnly: flag(env.PODIUM_READ_ONLY),
    namespaces: list(env.PODIUM_NAMESPACES),
    context: env.PODIUM_CONTEXT?.trim() || null,
    // a class is never open to everyone: without a token of the teacher's, one is drawn at start
    actionToken: classMode ? classActionToken(env) : env.PODIUM_ACTION_TOKEN?.trim() || null,
    maxReplicas: int(env.PODIUM_MAX_REPLICAS, 50, 0, 10_000),
    lessonPrefix: env.PODIUM_LESSON_PREFIX?.trim() || 'lesson-',
    defaultNamespace: env.PODIUM_DEFAULT_NAMESPACE?.trim() || null,
    allowedOrigins: list(env.PODIUM_ALLOWED_ORIGINS),
    classMode,
    logs: !['0', 'false', 'no', 'off'].includes((env.PODIUM_LOGS ?? '').trim().toLowerCase()),
  };
}

export function namespaceAllowed(namespace: string, allow: string[]): boolean {
  if (allow.length === 0) return true;
  return allow.some((a) => (a.endsWith('*') ? namespace.startsWith(a.slice(0, -1)) : a === namespace));
}

/**
 * Where the key that signs CSRF tokens and unlock cookies comes from: PODIUM_SESSION_KEY, or the
 * file named by PODIUM_SESSION_KEY_FILE (a mounted Secret). Every replica needs the same one; with
 * neither set each process makes its own (lib/routes/security.ts says so in the log).
 */
export type SessionKeySetting =
  { key: string; source: string } | { key: null; source: null } | { error: string };

export const MIN_SESSION_KEY_LENGTH = 32;

export function sessionKeySetting(
  env: Record<string, string | undefined> = process.env,
  readFile: (path: string) => string = (p) => readFileSync(/*turbopackIgnore: true*/ p, 'utf8'),
): SessionKeySetting {
  const value = env.PODIUM_SESSION_KEY?.trim() || null;
  const file = env.PODIUM_SESSION_KEY_FILE?.trim() || null;
  if (value && file) return { error: 'set PODIUM_SESSION_KEY or PODIUM_SESSION_KEY_FILE, not both' };
  let key = value;
  const source = file ? `PODIUM_SESSION_KEY_FILE=${file}` : 'PODIUM_SESSION_KEY';
  if (file) {
    try {
      key = readFile(file).trim();
    } catch (err) {
      return { error: `PODIUM_SESSION_KEY_FILE: cannot read ${file}: ${(err as Error).message}` };
    }
  }
  if (key === null) return { key: null, source: null };
  if (key.length < MIN_SESSION_KEY_LENGTH) {
    return {
      error: `${source} is ${key.length} characters long; it needs at least ${MIN_SESSION_KEY_LENGTH} (e.g. \`openssl rand -base64 48\`)`,
    };
  }
  return { key, source };
}

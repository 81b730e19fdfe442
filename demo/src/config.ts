// Environment -> options for startServer. Every knob the stories turn is an env var, so a
// Deployment manifest is the whole configuration.
import { hostname } from 'node:os';

export interface DemoConfig {
  port: number;
  /** interface to bind; undefined = every interface (what a pod needs) */
  host: string | undefined;
  version: string;
  podName: string;
  podIp: string | null;
  /** synchronous pause per echoed message, as in the websockets story's time.sleep(0.1) */
  echoDelayMs: number;
  /** /readyz answers 503 for this long after start */
  startupDelayMs: number;
  /** how long /inemuri makes the whole app unresponsive */
  inemuriMs: number;
  /** after SIGTERM, keep serving (with /readyz 503) this long so endpoints drop the pod first */
  shutdownDrainMs: number;
  /** upper bound on the whole graceful shutdown, drain included */
  shutdownTimeoutMs: number;
  /** METRICS_DEBUG=1: serve the misbehaving /debug/metrics/* endpoints (Podium's reader tests) */
  metricsDebug: boolean;
}

type Env = Record<string, string | undefined>;

function intFromEnv(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer in ${min}..${max}, got "${raw}"`);
  }
  return value;
}

/** Values that end up in response headers must be visible ASCII, or every response would throw. */
function headerSafe(env: Env, name: string, fallback: string): string {
  const value = env[name] || fallback;
  if (!/^[\x21-\x7e]+$/.test(value))
    throw new Error(`${name} must be visible ASCII without spaces, got "${value}"`);
  return value;
}

export function readConfig(env: Env): DemoConfig {
  return {
    port: intFromEnv(env, 'PORT', 8080, 0, 65535),
    host: env.HOST || undefined,
    version: headerSafe(env, 'APP_VERSION', '1.0.0'),
    podName: headerSafe(env, 'POD_NAME', hostname()),
    podIp: env.POD_IP || null,
    echoDelayMs: intFromEnv(env, 'ECHO_DELAY_MS', 0, 0, 10_000),
    startupDelayMs: intFromEnv(env, 'STARTUP_DELAY_MS', 0, 0, 600_000),
    inemuriMs: intFromEnv(env, 'INEMURI_SECONDS', 10, 1, 3600) * 1000,
    shutdownDrainMs: intFromEnv(env, 'SHUTDOWN_DRAIN_MS', 0, 0, 600_000),
    shutdownTimeoutMs: intFromEnv(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 1, 600_000),
    metricsDebug: env.METRICS_DEBUG === '1',
  };
}

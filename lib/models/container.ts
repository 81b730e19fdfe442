// Container specs (of a Deployment's pod template or a Pod) reshaped for display.
// Env values are never copied: they may come from Secrets or hold credentials. The one
// exception is the literal value of the env var a Deployment names as its version.
import type { ContainerSpecSummary, ProbeSummary, Resources } from './types';
import { parseBytes, parseCpuMilli } from './quantity';

export type IntOrString = number | string;

export interface RawProbe {
  httpGet?: { path?: string; port?: IntOrString; host?: string; scheme?: string };
  tcpSocket?: { port?: IntOrString; host?: string };
  exec?: { command?: string[] };
  grpc?: { port?: number; service?: string };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

export interface RawEnvVar {
  name?: string;
  value?: string;
  valueFrom?: unknown;
}

export interface RawContainer {
  name?: string;
  image?: string;
  ports?: { name?: string; containerPort?: number; protocol?: string }[];
  env?: RawEnvVar[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: RawProbe;
  readinessProbe?: RawProbe;
  startupProbe?: RawProbe;
  restartPolicy?: string;
}

export function toResources(list: Record<string, string> | undefined): Resources {
  return { cpuMilli: parseCpuMilli(list?.cpu), memoryBytes: parseBytes(list?.memory) };
}

/** Sum per resource over containers; a resource stays null when no container sets it. */
export function sumResources(all: readonly Resources[]): Resources {
  const add = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);
  return all.reduce<Resources>(
    (sum, r) => ({
      cpuMilli: add(sum.cpuMilli, r.cpuMilli),
      memoryBytes: add(sum.memoryBytes, r.memoryBytes),
    }),
    { cpuMilli: null, memoryBytes: null },
  );
}

/** Quote an exec argument only when the shell would split it, so "sh -c 'test -f /tmp/x'" reads right. */
function shellWord(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

function probeTarget(probe: RawProbe): Pick<ProbeSummary, 'kind' | 'target'> | null {
  if (probe.httpGet) {
    const { host = '', port = '', path = '/', scheme = 'HTTP' } = probe.httpGet;
    const https = scheme.toUpperCase() === 'HTTPS' ? ' (https)' : '';
    return {
      kind: 'httpGet',
      target: `GET ${host}:${port}${path.startsWith('/') ? path : `/${path}`}${https}`,
    };
  }
  if (probe.tcpSocket)
    return { kind: 'tcpSocket', target: `tcp ${probe.tcpSocket.host ?? ''}:${probe.tcpSocket.port ?? ''}` };
  if (probe.exec)
    return { kind: 'exec', target: ['exec', ...(probe.exec.command ?? []).map(shellWord)].join(' ') };
  if (probe.grpc) {
    const service = probe.grpc.service ? ` ${probe.grpc.service}` : '';
    return { kind: 'grpc', target: `grpc :${probe.grpc.port ?? ''}${service}` };
  }
  return null;
}

/**
 * One probe with the API defaults filled in (initialDelay 0 s, period 10 s, timeout 1 s,
 * failureThreshold 3): https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#configure-probes
 */
export function toProbeSummary(probe: RawProbe | undefined): ProbeSummary | null {
  const target = probe ? probeTarget(probe) : null;
  if (!probe || !target) return null;
  return {
    ...target,
    initialDelaySeconds: probe.initialDelaySeconds ?? 0,
    periodSeconds: probe.periodSeconds ?? 10,
    timeoutSeconds: probe.timeoutSeconds ?? 1,
    failureThreshold: probe.failureThreshold ?? 3,
  };
}

/** Only a literal `value` qualifies: valueFrom may point at a Secret, and is not what the rollout edits. */
function literalEnv(container: RawContainer, name: string | null): ContainerSpecSummary['versionEnv'] {
  if (!name) return null;
  const env = container.env?.find((e) => e.name === name);
  // the API omits an empty value, so a var without value or valueFrom is the literal ""
  return env && env.valueFrom == null ? { name, value: env.value ?? '' } : null;
}

export function toContainerSpecSummary(
  container: RawContainer,
  versionEnvName: string | null,
): ContainerSpecSummary {
  return {
    name: container.name ?? '',
    image: container.image ?? '',
    ports: (container.ports ?? []).map((p) => ({
      name: p.name ?? null,
      containerPort: p.containerPort ?? 0,
      protocol: p.protocol ?? 'TCP',
    })),
    envNames: (container.env ?? []).flatMap((e) => (e.name ? [e.name] : [])),
    versionEnv: literalEnv(container, versionEnvName),
    requests: toResources(container.resources?.requests),
    limits: toResources(container.resources?.limits),
    liveness: toProbeSummary(container.livenessProbe),
    readiness: toProbeSummary(container.readinessProbe),
    startup: toProbeSummary(container.startupProbe),
  };
}

// The STATUS, READY and RESTARTS columns of `kubectl get pods`, computed as kubectl does in
// printPod (kubernetes/pkg/printers/internalversion/printers.go). People compare Podium with
// their terminal, so the words must be the same: CrashLoopBackOff, Init:0/1, Terminating, ...
import type { RawCondition, RawTime } from './meta';
import type { RawContainer } from './container';

export interface RawTerminated {
  exitCode?: number;
  signal?: number;
  reason?: string;
  message?: string;
  startedAt?: RawTime | null;
  finishedAt?: RawTime | null;
}

export interface RawContainerState {
  running?: { startedAt?: RawTime | null };
  waiting?: { reason?: string; message?: string };
  terminated?: RawTerminated;
}

export interface RawContainerStatus {
  name?: string;
  image?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: RawContainerState;
  lastState?: RawContainerState;
}

export interface RawPodSpecForStatus {
  containers?: RawContainer[];
  initContainers?: RawContainer[];
}

export interface RawPodStatusForStatus {
  phase?: string;
  reason?: string;
  conditions?: RawCondition[];
  containerStatuses?: RawContainerStatus[];
  initContainerStatuses?: RawContainerStatus[];
}

export interface KubectlPodColumns {
  status: string;
  readyContainers: number;
  totalContainers: number;
  restarts: number;
}

/** Sidecars: init containers with restartPolicy Always keep running beside the app containers. */
function isSidecar(spec: RawPodSpecForStatus | undefined, name: string | undefined): boolean {
  return spec?.initContainers?.some((c) => c.name === name && c.restartPolicy === 'Always') ?? false;
}

function terminatedWord(t: RawTerminated, prefix: string): string {
  if (t.reason) return prefix + t.reason;
  return t.signal ? `${prefix}Signal:${t.signal}` : `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

function hasTrueCondition(conditions: RawCondition[] | undefined, type: string): boolean {
  return conditions?.some((c) => c.type === type && c.status === 'True') ?? false;
}

export function kubectlPodColumns(
  spec: RawPodSpecForStatus | undefined,
  status: RawPodStatusForStatus | undefined,
  deleting: boolean,
): KubectlPodColumns {
  const phase = status?.phase ?? 'Unknown';
  let reason = status?.reason || phase;
  if (status?.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }
  const initSpecs = spec?.initContainers ?? [];
  const total =
    (spec?.containers ?? []).length + initSpecs.filter((c) => c.restartPolicy === 'Always').length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;

  let initializing = false;
  const inits = status?.initContainerStatuses ?? [];
  for (const [i, c] of inits.entries()) {
    const sidecar = isSidecar(spec, c.name);
    restarts += c.restartCount ?? 0;
    if (sidecar) sidecarRestarts += c.restartCount ?? 0;
    const terminated = c.state?.terminated;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && c.started === true) {
      if (c.ready) ready++;
      continue;
    }
    if (terminated) reason = terminatedWord(terminated, 'Init:');
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${c.state.waiting.reason}`;
    } else reason = `Init:${i}/${initSpecs.length}`;
    initializing = true;
    break;
  }

  if (!initializing || hasTrueCondition(status?.conditions, 'Initialized')) {
    restarts = sidecarRestarts;
    let hasRunning = false;
    // kubectl walks the containers last to first, so the first container's state wins
    for (const c of [...(status?.containerStatuses ?? [])].reverse()) {
      restarts += c.restartCount ?? 0;
      const { waiting, terminated, running } = c.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated) reason = terminatedWord(terminated, '');
      else if (c.ready && running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = hasTrueCondition(status?.conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  if (deleting && status?.reason === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  return { status: reason, readyContainers: ready, totalContainers: total, restarts };
}

import 'server-only';
import { cleanText, parseTimestamped, type LogLine } from '../../models/logs/line';
import { LineSplitter } from '../../models/logs/splitter';
import { MAX_POD_TAIL_LINES, type PodLogsAnswer } from '../../models/logs/wire';
import type { RawPod } from '../../models/pod';
import { goneContainerId, linesBeforeLastExit } from '../../models/logs/previous';
import { K8sError } from '../errors';
import { keptLines } from './registry';
import { containerStatus, lastTermination } from './termination';
import { getPod, isNoPrevious, isNotStarted, openLog } from './upstream';

// One pod's logs as one answer (not followed): the current container's last lines, or with
// `previous` the container that ran before its last restart (its last words before /seppuku or a
// liveness kill), with its exit code and reason. Bounded: at most MAX_POD_TAIL_LINES lines and
// LIMIT_BYTES bytes.

const LIMIT_BYTES = 4 * 1024 * 1024;

export interface PodLogsOptions {
  container?: string;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
}

/** The container to read (the first one when none is named); 404 when the pod has no such container. */
export function pickContainer(
  pod: RawPod & { spec?: { initContainers?: { name?: string }[] } },
  name?: string,
): string {
  const names = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map(
    (c) => c.name ?? '',
  );
  const podName = pod.metadata?.name ?? '';
  if (name === undefined) {
    const first = pod.spec?.containers?.[0]?.name;
    if (!first) throw new K8sError(404, 'NoSuchContainer', `pod ${podName} has no container`);
    return first;
  }
  if (!names.includes(name)) {
    throw new K8sError(
      404,
      'NoSuchContainer',
      `pod ${podName} has no container "${name}" (it has ${names.join(', ')})`,
    );
  }
  return name;
}

/** The pod, or 404 NoSuchPod. */
export async function requirePod(ns: string, pod: string): Promise<RawPod> {
  try {
    return await getPod(ns, pod);
  } catch (err) {
    if (err instanceof K8sError && err.status === 404)
      throw new K8sError(404, 'NoSuchPod', `pod ${pod} not found in namespace ${ns}`);
    throw err;
  }
}

export async function readPodLogs(ns: string, podName: string, o: PodLogsOptions): Promise<PodLogsAnswer> {
  const pod = await requirePod(ns, podName);
  const container = pickContainer(pod, o.container);
  const status = containerStatus(pod, container);
  const previous = o.previous ?? false;
  if (previous && !status?.lastState?.terminated && (status?.restartCount ?? 0) === 0) {
    throw new K8sError(
      404,
      'NoPreviousContainer',
      `container ${container} of pod ${podName} has not restarted: there is no previous container's log`,
    );
  }
  let body;
  try {
    body = await openLog(
      ns,
      podName,
      {
        container,
        previous,
        tailLines: o.tailLines ?? (o.sinceSeconds ? undefined : 1000),
        sinceSeconds: o.sinceSeconds,
        limitBytes: LIMIT_BYTES,
      },
      AbortSignal.timeout(20_000),
    );
  } catch (err) {
    if (err instanceof K8sError && isNoPrevious(err))
      throw new K8sError(
        404,
        'NoPreviousContainer',
        `container ${container} of pod ${podName} has no previous container's log (${err.message})`,
      );
    if (err instanceof K8sError && isNotStarted(err))
      throw new K8sError(
        409,
        'ContainerNotStarted',
        `container ${container} of pod ${podName} has not started yet: follow its logs (follow=true) to see them as soon as it starts (${err.message})`,
      );
    throw err;
  }
  const lines: LogLine[] = [];
  const splitter = new LineSplitter();
  const lane = `${podName}/${container}`;
  const epoch = previous ? 'previous' : 'current';
  let bytes = 0;
  let firstRaw = '';
  const add = (split: { text: string; cut: number }[]) => {
    for (const s of split) {
      if (lines.length === 0) firstRaw = s.text;
      const { stamp, text } = parseTimestamped(s.text, Date.now());
      const line: LogLine = {
        lane,
        pod: podName,
        container,
        epoch,
        seq: lines.length + 1,
        key: stamp.key,
        ms: stamp.ms,
        text: cleanText(text),
      };
      if (s.cut) line.cut = s.cut;
      lines.push(line);
    }
  };
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    add(splitter.push(chunk));
  }
  const last = splitter.end();
  if (last) add([last]);
  const answer: PodLogsAnswer = {
    pod: podName,
    container,
    previous,
    lines: lines.slice(-MAX_POD_TAIL_LINES),
    termination: previous ? lastTermination(pod, container) : null,
    truncated: bytes >= LIMIT_BYTES,
    source: 'kubelet',
  };
  const goneId = previous && lines.length === 1 ? goneContainerId(firstRaw) : null;
  return goneId ? keptPrevious(ns, answer, lane, goneId) : answer;
}

/**
 * The kubelet answered that the previous container is gone (see lib/models/logs/previous.ts): the
 * lines Podium kept while following it, or 410 with what happened.
 */
function keptPrevious(ns: string, answer: PodLogsAnswer, lane: string, goneId: string): PodLogsAnswer {
  const kept = linesBeforeLastExit(keptLines(ns, answer.pod, answer.container) ?? []);
  if (kept && kept.length > 0) {
    const lines = kept.map((l, i) => ({ ...l, lane, epoch: 'previous', seq: i + 1 }));
    return { ...answer, lines, source: 'podium' };
  }
  throw new K8sError(
    410,
    'PreviousLogGone',
    `the kubelet has already removed the previous container of ${answer.container} (${goneId}), and its log with it; Podium keeps a container's last lines only while someone follows its logs`,
  );
}

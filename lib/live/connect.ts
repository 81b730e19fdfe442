// A tab's end of the live connection: `subscribeLive(url, listener)` delivers the stream's messages,
// through the browser's one SharedWorker (shared-worker.ts) when there is one. Where SharedWorker does
// not exist (Chrome on Android, old Safari) the same hub runs inside the tab with its own EventSource,
// as every tab did before: those browsers keep few tabs alive at once, and a leader tab elected over
// Web Locks would stall every other tab whenever the leader is frozen in the background.
import { createHub } from './hub';
import {
  PING_MS,
  PORT_TIMEOUT_MS,
  REOPEN_MS,
  type StreamMessage,
  type StreamPhase,
  type TabMessage,
  type TraceEntry,
  type WorkerMessage,
} from './protocol';

export interface LiveListener {
  /** `traces`: only from a server with PODIUM_DEBUG_TIMING=1 (bench/freshness.ts) */
  messages(messages: StreamMessage[], traces?: TraceEntry[]): void;
  phase(phase: StreamPhase): void;
}

interface Link {
  send(msg: TabMessage): void;
}

const listeners = new Map<string, Set<LiveListener>>();
let link: Link | null = null;

const wanted = (): TabMessage => ({ type: 'want', urls: [...listeners.keys()] });

function deliver(msg: WorkerMessage) {
  for (const l of listeners.get(msg.url) ?? []) {
    if (msg.type === 'phase') l.phase(msg.phase);
    else l.messages(msg.messages, msg.traces);
  }
}

/** The tab's port to the shared worker, or null where SharedWorker does not exist. */
function sharedLink(): Link | null {
  if (typeof SharedWorker === 'undefined') return null;
  let worker: SharedWorker;
  try {
    worker = new SharedWorker(new URL('./shared-worker.ts', import.meta.url), {
      type: 'module',
      name: 'podium-live',
    });
  } catch {
    return null;
  }
  const port = worker.port;
  const send = (msg: TabMessage) => port.postMessage(msg);
  port.onmessage = (e: MessageEvent<WorkerMessage>) => deliver(e.data);
  port.start();
  // the worker could not start (a script error, a policy): this tab falls back to its own stream
  worker.onerror = () => {
    link = localLink();
    link.send(wanted());
  };
  // Held while the tab lives, so the worker learns at once when it closes or crashes. Not
  // crypto.randomUUID: that exists only in secure contexts, and Podium may be served over plain http.
  const lock = `podium-live-tab:${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  void navigator.locks?.request(lock, () => {
    send({ type: 'hello', lock });
    return new Promise<never>(() => {});
  });
  setInterval(() => link === shared && send(wanted()), PING_MS);
  addEventListener('pagehide', () => send({ type: 'bye' }));
  // back from the back/forward cache: the worker forgot this tab at pagehide
  addEventListener('pageshow', (e) => e.persisted && send(wanted()));
  const shared: Link = { send };
  return shared;
}

/** The hub inside the tab, with the tab's own EventSource: the fallback. */
function localLink(): Link {
  const port = { postMessage: deliver };
  const hub = createHub({
    open: (url) => new EventSource(url),
    accept: () => true,
    now: () => Date.now(),
    lingerMs: 0,
    portTimeoutMs: PORT_TIMEOUT_MS,
    reopenMs: REOPEN_MS,
  });
  return { send: (msg) => hub.receive(port, msg) };
}

/**
 * Delivers the live stream at `url` (the current state first, then every message) until the
 * returned function is called. The URL is the worker's key: any query the server understands works.
 */
export function subscribeLive(url: string, listener: LiveListener): () => void {
  link ??= sharedLink() ?? localLink();
  let set = listeners.get(url);
  if (!set) listeners.set(url, (set = new Set()));
  set.add(listener);
  if (set.size === 1) link.send(wanted());
  return () => {
    if (!set.delete(listener) || set.size > 0) return;
    listeners.delete(url);
    link?.send(wanted());
  };
}

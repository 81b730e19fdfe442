// The live worker's core, without the worker: one EventSource per stream URL however many tabs want
// it, the stream's current state (stream-state.ts), and the tabs (ports) that want it. Time, the
// EventSource and the ports come from outside, so the tests drive it with plain objects and a clock.
import type { Change, StreamEventName } from '../models/stream';
import {
  STREAM_EVENTS,
  type StreamMessage,
  type StreamPhase,
  type TabMessage,
  type TraceEntry,
  type WorkerMessage,
} from './protocol';
import { applyMessage, changesMade, emptyState, replay, type StreamState } from './stream-state';

/** The part of a MessagePort the hub uses. */
export interface PortLike {
  postMessage(msg: WorkerMessage): void;
}

/** The part of an EventSource the hub uses. */
export interface SourceLike {
  readonly readyState: number;
  onopen: ((ev: Event) => void) | null;
  onerror: ((ev: Event) => void) | null;
  addEventListener(event: StreamEventName, listener: (e: { data: string }) => void): void;
  close(): void;
}

export interface HubOptions {
  open: (url: string) => SourceLike;
  /** the URLs a tab may ask for (protocol.ts: isStreamUrl); others are ignored */
  accept: (url: string) => boolean;
  now: () => number;
  /** how long a stream nobody wants stays open (0: close at once) */
  lingerMs: number;
  /** a port silent this long is dropped */
  portTimeoutMs: number;
  /** after the browser gave up on an EventSource (readyState CLOSED), open a new one this late */
  reopenMs: number;
}

interface Stream {
  source: SourceLike | null;
  state: StreamState;
  phase: StreamPhase;
  ports: Set<PortLike>;
  /** when nobody wants it any more: close at this time */
  closeAt: number | null;
  /** the browser gave up on the EventSource at this time */
  failedAt: number | null;
}

const CLOSED = 2; // EventSource.CLOSED, which a worker-free test has no EventSource to read from

export interface LiveHub {
  /** a message from a tab; an unknown port is a new tab */
  receive(port: PortLike, msg: TabMessage): void;
  /** a tab is gone (its Web Lock was released): it wants nothing any more */
  drop(port: PortLike): void;
  /** drops silent ports, closes streams whose linger ran out, reopens failed EventSources */
  sweep(): void;
  /** for tests and the debug view: the open streams and how many tabs want each */
  streams(): Map<string, { ports: number; phase: StreamPhase; state: StreamState }>;
  ports(): number;
}

/** A traced batch's times, with the worker's receipt (only a PODIUM_DEBUG_TIMING server traces). */
function tracesOf(changes: Change[], worker: number): TraceEntry[] | undefined {
  if (!changes[0]?.trace) return undefined;
  return changes.flatMap(({ kind, type, object, trace }) =>
    trace ? [{ kind, type, name: object.name, ...trace, worker }] : [],
  );
}

export function createHub(opts: HubOptions): LiveHub {
  const streams = new Map<string, Stream>();
  const ports = new Map<PortLike, { lastSeen: number; urls: Set<string> }>();

  const post = (stream: Stream, msg: WorkerMessage) => {
    for (const port of stream.ports) port.postMessage(msg);
  };
  const setPhase = (url: string, stream: Stream, phase: StreamPhase) => {
    stream.phase = phase;
    post(stream, { type: 'phase', url, phase });
  };

  const connect = (url: string, stream: Stream) => {
    const source = opts.open(url);
    stream.source = source;
    stream.failedAt = null;
    source.onopen = () => stream.source === source && setPhase(url, stream, 'open');
    source.onerror = () => {
      if (stream.source !== source) return;
      if (source.readyState === CLOSED) stream.failedAt = opts.now();
      setPhase(url, stream, 'reconnecting');
    };
    for (const event of STREAM_EVENTS) {
      source.addEventListener(event, (e) => {
        if (stream.source !== source) return;
        const receivedAt = opts.now();
        const msg = { event, data: JSON.parse(e.data) } as StreamMessage;
        const before = stream.state;
        stream.state = applyMessage(before, msg);
        // tabs get what the worker's reduction changed, not the batch again
        const out = msg.event === 'changes' ? changesMade(before, stream.state) : msg;
        const traces = msg.event === 'changes' ? tracesOf(msg.data, receivedAt) : undefined;
        if (out) post(stream, { type: 'messages', url, messages: [out], ...(traces ? { traces } : {}) });
      });
    }
  };

  const want = (port: PortLike, url: string) => {
    let stream = streams.get(url);
    if (!stream) {
      stream = {
        source: null,
        state: emptyState(),
        phase: 'connecting',
        ports: new Set(),
        closeAt: null,
        failedAt: null,
      };
      streams.set(url, stream);
      connect(url, stream);
    }
    stream.closeAt = null;
    stream.ports.add(port);
    // the joining tab gets the state at once, then everything that follows
    port.postMessage({ type: 'phase', url, phase: stream.phase });
    const messages = replay(stream.state);
    if (messages.length > 0) port.postMessage({ type: 'messages', url, messages });
  };

  const unwant = (port: PortLike, url: string) => {
    const stream = streams.get(url);
    if (!stream || !stream.ports.delete(port) || stream.ports.size > 0) return;
    stream.closeAt = opts.now() + opts.lingerMs;
    if (opts.lingerMs <= 0) closeIdle();
  };

  const drop = (port: PortLike) => {
    const held = ports.get(port);
    if (!held) return;
    ports.delete(port);
    for (const url of held.urls) unwant(port, url);
  };

  const closeIdle = () => {
    const now = opts.now();
    for (const [url, stream] of streams) {
      if (stream.ports.size === 0 && stream.closeAt !== null && stream.closeAt <= now) {
        stream.source?.close();
        streams.delete(url);
      }
    }
  };

  return {
    receive(port, msg) {
      if (msg.type === 'bye') return drop(port);
      let held = ports.get(port);
      if (!held) ports.set(port, (held = { lastSeen: opts.now(), urls: new Set() }));
      held.lastSeen = opts.now();
      if (msg.type !== 'want') return;
      const next = new Set(msg.urls.filter(opts.accept));
      for (const url of held.urls) if (!next.has(url)) unwant(port, url);
      for (const url of next) if (!held.urls.has(url)) want(port, url);
      held.urls = next;
    },
    drop,
    sweep() {
      const now = opts.now();
      for (const [port, held] of ports) if (now - held.lastSeen > opts.portTimeoutMs) drop(port);
      closeIdle();
      for (const [url, stream] of streams) {
        if (stream.failedAt !== null && now - stream.failedAt >= opts.reopenMs) {
          stream.source?.close();
          connect(url, stream);
        }
      }
    },
    streams: () =>
      new Map(
        [...streams].map(
          ([url, s]) => [url, { ports: s.ports.size, phase: s.phase, state: s.state }] as const,
        ),
      ),
    ports: () => ports.size,
  };
}

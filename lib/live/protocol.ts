// What a tab and the live worker (lib/live/shared-worker.ts) say to each other. The worker holds one
// EventSource per stream URL for the whole browser and forwards the server's messages, as they came,
// to every tab that wants that URL; a tab that joins late gets the current state first, as messages
// of the same shape (lib/live/stream-state.ts: replay).
import type { ChangeTrace, StreamEventName, StreamMessages, Change } from '../models/stream';

/** One message of the live stream, as the server sent it (event name and parsed data). */
export type StreamMessage = {
  [E in StreamEventName]: { event: E; data: StreamMessages[E] };
}[StreamEventName];

const EVENTS: Record<StreamEventName, true> = {
  snapshot: true,
  changes: true,
  status: true,
  usage: true,
  history: true,
  sample: true,
  kindError: true,
  traffic: true,
};
/** Every event the server sends (the record above fails to compile when the protocol grows). */
export const STREAM_EVENTS = Object.keys(EVENTS) as StreamEventName[];

/** The worker's EventSource: connecting before its first open, reconnecting after an error. */
export type StreamPhase = 'connecting' | 'open' | 'reconnecting';

/** Tab → worker. */
export type TabMessage =
  /** the stream URLs this tab wants now; sent on every change and as the heartbeat */
  | { type: 'want'; urls: string[] }
  /** the Web Lock this tab holds while it lives: the worker waits on it to learn that the tab died */
  | { type: 'hello'; lock: string }
  /** pagehide: the tab is going away (or into the back/forward cache) */
  | { type: 'bye' };

/**
 * One traced change (a server with PODIUM_DEBUG_TIMING=1, for bench/freshness.ts): the server's
 * times and the worker's receipt, epoch ms; the tab adds its own before it records it.
 */
export interface TraceEntry extends ChangeTrace {
  kind: Change['kind'];
  type: Change['type'];
  name: string;
  worker: number;
}

/** Worker → tab. */
export type WorkerMessage =
  | { type: 'messages'; url: string; messages: StreamMessage[]; traces?: TraceEntry[] }
  | { type: 'phase'; url: string; phase: StreamPhase };

/** How often a tab repeats its `want`. */
export const PING_MS = 5_000;
/**
 * A tab silent this long is dropped. Longer than a minute because Chrome runs the timers of a tab
 * hidden for 5 minutes once a minute ("intensive throttling"): a hidden tab still wants its data.
 * A tab that closes says `bye`, and one that crashes releases its Web Lock, so this is the backstop.
 */
export const PORT_TIMEOUT_MS = 75_000;
/** A stream nobody wants stays open this long, so a reload or a quick namespace switch reuses it. */
export const LINGER_MS = 5_000;
/** After the browser gave up on an EventSource (an HTTP error), the worker opens a new one this late. */
export const REOPEN_MS = 5_000;

/** Only Podium's own stream, on the worker's own origin, is opened for a tab. */
export function isStreamUrl(url: string, origin: string): boolean {
  try {
    const u = new URL(url, origin);
    return u.origin === origin && u.pathname === '/api/stream';
  } catch {
    return false;
  }
}

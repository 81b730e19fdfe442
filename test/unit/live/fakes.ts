// Plain stand-ins for what the live hub gets from the browser: an EventSource the test feeds with
// the server's messages (as JSON text, like the wire), a port that records what it was sent, a clock.
import type { SourceLike } from '../../../lib/live/hub';
import type { WorkerMessage } from '../../../lib/live/protocol';
import type { StreamState } from '../../../lib/live/stream-state';
import type { StreamEventName, StreamMessages } from '../../../lib/models/stream';
import { toPodRow, type RawPod } from '../../../lib/models/pod';
import type { PodRow } from '../../../lib/models/types';
import crashloop from '../../fixtures/k8s/pod-echo-crashloop.json' with { type: 'json' };
import creating from '../../fixtures/k8s/pod-echo-creating.json' with { type: 'json' };
import restarted from '../../fixtures/k8s/pod-echo-restarted.json' with { type: 'json' };

export class FakeSource implements SourceLike {
  readyState = 0;
  closed = false;
  onopen: ((ev: Event) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;
  private listeners = new Map<string, ((e: { data: string }) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(event: StreamEventName, listener: (e: { data: string }) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  /** a dropped connection the browser retries (0) or gives up on (2, after an HTTP error) */
  fail(readyState: 0 | 2 = 0) {
    this.readyState = readyState;
    this.onerror?.(new Event('error'));
  }
  emit<E extends StreamEventName>(event: E, data: StreamMessages[E]) {
    for (const l of this.listeners.get(event) ?? []) l({ data: JSON.stringify(data) });
  }
}

export class FakePort {
  got: WorkerMessage[] = [];
  postMessage(msg: WorkerMessage) {
    this.got.push(structuredClone(msg));
  }
  take(): WorkerMessage[] {
    return this.got.splice(0);
  }
}

export const pods: PodRow[] = [restarted, crashloop, creating].map((p) => toPodRow(p as RawPod));

/** A stream state's contents without the reducers' bookkeeping (versions, deltas): what a reader sees. */
export const contents = (s: StreamState) => ({
  ...s,
  kinds: Object.fromEntries(Object.entries(s.kinds).map(([k, v]) => [k, Object.fromEntries(v.byUid)])),
});

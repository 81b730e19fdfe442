import 'server-only';
import { randomBytes } from 'node:crypto';
import {
  cleanText,
  markerLine,
  parseTimestamped,
  sinceTimeOf,
  type LogLine,
  type LogMarker,
} from '../../models/logs/line';
import { RateCap } from '../../models/logs/rate';
import { Ring, RING_LINES } from '../../models/logs/ring';
import { LineSplitter } from '../../models/logs/splitter';
import type { LaneStatus } from '../../models/logs/wire';
import type { PodRow } from '../../models/types';
import { K8sError, errorFromThrown } from '../errors';
import { getCluster } from '../client';
import { podFeed, type PodFeedEvent } from './pod-feed';
import { isNoSuchContainer, isNotStarted, openLog } from './upstream';
import { exitText, terminationAfter } from './termination';

// One upstream `pods/log?follow=true&timestamps=true` per (pod, container) for the whole process,
// however many viewers: started by the first, stopped LINGER_MS after the last leaves. It keeps the
// container's last lines (a Ring) for the next viewer, caps lines per second (dropping, never
// queueing), resumes after a closed stream from its last timestamp without repeating a line, and
// follows the container through restarts: the pod's state comes from the watch hub (pod-feed.ts).

export interface LaneListener {
  lines(lines: LogLine[]): void;
  state(status: LaneStatus, message: string): void;
}

export const LINGER_MS = Number(process.env.PODIUM_LOG_LINGER_MS ?? 10_000);
/** How long after a stream ends the pod's status may take to say the container stopped. */
const EXIT_SETTLE_MS = 8_000;

export const stats = { followers: 0, upstreams: 0, connects: 0 };

export class Follower {
  readonly lane: string;
  readonly epoch = randomBytes(4).toString('hex');
  status: LaneStatus = 'connecting';
  message = 'connecting';
  private seq = 0;
  private readonly ring = new Ring<LogLine>((l) => 64 + l.text.length * 2);
  private readonly viewers = new Set<LaneListener>();
  private readonly cap = new RateCap(Number(process.env.PODIUM_LOG_LINES_PER_SECOND) || undefined);
  private dropTimer: NodeJS.Timeout | null = null;
  private lastKey: string | null = null;
  private seenAtLastKey = 0;
  private abort: AbortController | null = null;
  private stopTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private failures = 0;
  private pod: PodRow | null | undefined = null;
  /** the pod as last seen, kept after it is gone (a DELETED event carries its final state) */
  private lastRow: PodRow | null = null;
  private wake: (() => void) | null = null;
  private readonly unfeed: () => void;

  constructor(
    readonly namespace: string,
    readonly podName: string,
    readonly container: string,
    private readonly onStop: (f: Follower) => void,
  ) {
    this.lane = `${podName}/${container}`;
    stats.followers++;
    this.unfeed = podFeed(namespace, (e) => this.onPods(e));
    void this.run();
  }

  /** Adds a viewer; returns the lines kept so far (oldest first) and the detach function. */
  attach(v: LaneListener): { recent: LogLine[]; detach: () => void } {
    if (this.stopTimer) clearTimeout(this.stopTimer);
    this.stopTimer = null;
    this.viewers.add(v);
    return {
      recent: this.recent(),
      detach: () => {
        this.viewers.delete(v);
        if (this.viewers.size === 0 && !this.stopTimer && !this.stopped) {
          this.stopTimer = setTimeout(() => this.stop(), LINGER_MS);
          this.stopTimer.unref();
        }
      },
    };
  }

  /** The lines kept now, oldest first (also while the follower lingers without viewers). */
  recent(): LogLine[] {
    return this.ring.toArray();
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  /** Test hook: cut the upstream stream as a restarting API server would; the follower resumes. */
  interrupt(): void {
    this.abort?.abort(new Error('interrupted (test)'));
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    stats.followers--;
    if (this.stopTimer) clearTimeout(this.stopTimer);
    if (this.dropTimer) clearTimeout(this.dropTimer);
    this.unfeed();
    this.abort?.abort();
    this.wake?.();
    this.onStop(this);
  }

  private onPods(e: PodFeedEvent) {
    if (e.type === 'error') return;
    if (e.type === 'snapshot') this.pod = e.pods.find((p) => p.name === this.podName);
    else if (e.pod.name !== this.podName) return;
    else this.pod = e.type === 'deleted' ? undefined : e.pod;
    if (e.type !== 'snapshot') this.lastRow = e.pod;
    else if (this.pod) this.lastRow = this.pod;
    this.wake?.();
  }

  private setState(status: LaneStatus, message: string) {
    if (status === this.status && message === this.message) return;
    this.status = status;
    this.message = message;
    for (const v of this.viewers) v.state(status, message);
  }

  private publish(lines: LogLine[]) {
    if (lines.length === 0) return;
    for (const l of lines) this.ring.push(l);
    for (const v of this.viewers) v.lines(lines);
  }

  private marker(marker: LogMarker, text: string) {
    const base = { lane: this.lane, pod: this.podName, container: this.container, epoch: this.epoch };
    this.publish([markerLine({ ...base, seq: ++this.seq }, marker, text, Date.now())]);
  }

  private reportDropped = () => {
    this.dropTimer = null;
    const n = this.cap.report();
    if (n > 0) this.marker('dropped', `${n} lines dropped (more than ${this.cap.perSecond} lines/s)`);
  };

  private async run() {
    while (!this.stopped) {
      const containerRow = this.pod?.containers.find((c) => c.name === this.container);
      const restartsAtOpen = containerRow?.restartCount ?? 0;
      // a resumed stream repeats the last second: skip as many lines at the last timestamp as were seen
      this.seenAtLastKey = this.lastKey ? this.keysAtLast : 0;
      try {
        this.abort = new AbortController();
        const body = await openLog(
          this.namespace,
          this.podName,
          this.lastKey
            ? { container: this.container, follow: true, sinceTime: sinceTimeOf(this.lastKey) }
            : { container: this.container, follow: true, tailLines: RING_LINES },
          this.abort.signal,
        );
        stats.upstreams++;
        stats.connects++;
        this.failures = 0;
        this.setState('streaming', 'following');
        try {
          await this.read(body);
        } finally {
          stats.upstreams--;
        }
        if (this.stopped) return;
        if (await this.afterEnd(restartsAtOpen)) return;
      } catch (err) {
        if (this.stopped) return;
        if (await this.onError(err)) return;
      }
    }
  }

  private async read(body: ReadableStream<Uint8Array>) {
    const splitter = new LineSplitter();
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.accept(splitter.push(value));
      }
      const last = splitter.end();
      if (last) this.accept([last]);
    } catch (err) {
      if (!this.stopped) throw errorFromThrown(err, getCluster().server);
    } finally {
      reader.releaseLock();
    }
  }

  private accept(split: { text: string; cut: number }[]) {
    const out: LogLine[] = [];
    const now = Date.now();
    for (const s of split) {
      const { stamp, text } = parseTimestamped(s.text, now);
      // a resumed stream starts at the last line's second: skip what was already seen
      if (this.lastKey !== null && stamp.key <= this.lastKey) {
        if (stamp.key < this.lastKey) continue;
        if (this.seenAtLastKey > 0) {
          this.seenAtLastKey--;
          continue;
        }
      }
      this.trackKey(stamp.key);
      if (!this.cap.take(now)) continue;
      const line: LogLine = {
        lane: this.lane,
        pod: this.podName,
        container: this.container,
        epoch: this.epoch,
        seq: ++this.seq,
        key: stamp.key,
        ms: stamp.ms,
        text: cleanText(text),
      };
      if (s.cut > 0) line.cut = s.cut;
      out.push(line);
    }
    this.publish(out);
    if (this.cap.dropped > 0 && !this.dropTimer) {
      this.dropTimer = setTimeout(this.reportDropped, 1000);
      this.dropTimer.unref();
    }
  }

  private keysAtLast = 0;
  private trackKey(key: string) {
    if (key === this.lastKey) this.keysAtLast++;
    else {
      this.lastKey = key;
      this.keysAtLast = 1;
    }
    this.seenAtLastKey = 0;
  }

  /** The stream ended. Returns true when the lane is over (the pod is gone). */
  private async afterEnd(restartsAtOpen: number): Promise<boolean> {
    if (this.cap.dropped > 0) this.reportDropped();
    // the container stopped, or the API server closed the stream: the pod's status tells which
    await this.waitFor(EXIT_SETTLE_MS, () => {
      const c = this.pod?.containers.find((x) => x.name === this.container);
      return this.pod === undefined || !c || c.state !== 'running' || c.restartCount > restartsAtOpen;
    });
    if (this.stopped) return true;
    const end = await terminationAfter(this.namespace, this.podName, this.container, restartsAtOpen);
    if (end === 'gone') {
      // too late to read its exit code: say how it ended as the last pod status seen says
      const c = this.lastRow?.containers.find((x) => x.name === this.container);
      if (c?.state === 'terminated')
        this.marker('exited', exitText({ exitCode: null, reason: c.stateReason, finishedAt: null }));
      return this.deleted();
    }
    if (end) this.marker('exited', exitText(end));
    else return false; // still running: the stream was closed under it, resume
    this.setState(
      'waiting',
      this.pod?.deleting ? 'the pod is terminating' : 'the container exited; waiting for it to restart',
    );
    await this.waitFor(null, () => {
      const c = this.pod?.containers.find((x) => x.name === this.container);
      return (
        this.pod === undefined ||
        (c !== undefined && c.restartCount > restartsAtOpen && c.state !== 'waiting')
      );
    });
    if (this.pod === undefined) return this.deleted();
    return this.stopped;
  }

  private deleted(): true {
    this.marker('deleted', 'pod deleted');
    this.setState('ended', 'pod deleted');
    return true;
  }

  /** A failed open or read. Returns true when the lane is over. */
  private async onError(err: unknown): Promise<boolean> {
    const e = errorFromThrown(err, getCluster().server);
    if (e.status === 404 || this.pod === undefined) {
      if (this.pod === undefined || e.message.includes('not found')) return this.deleted();
    }
    if (e instanceof K8sError && isNotStarted(e)) {
      this.setState('waiting', `waiting for the container to start (${e.message})`);
      await this.waitFor(5_000, () => {
        const c = this.pod?.containers.find((x) => x.name === this.container);
        return this.pod === undefined || (c !== undefined && c.state !== 'waiting' && c.state !== 'unknown');
      });
      return this.stopped;
    }
    if (isNoSuchContainer(e) || e.status === 403 || e.status === 401) {
      this.setState('ended', e.message);
      return true;
    }
    this.failures++;
    const ms = Math.min(30_000, 1000 * 2 ** Math.min(this.failures - 1, 5));
    this.setState(
      'retrying',
      `${e.status >= 500 ? "the pod's kubelet or the API server does not answer" : 'the log stream failed'}: ${e.message}; retrying in ${Math.round(ms / 1000)} s`,
    );
    await this.waitFor(ms, () => false);
    return this.stopped;
  }

  /** Waits until `done()` holds (checked at every pod change) or `ms` passes (null: no limit). */
  private waitFor(ms: number | null, done: () => boolean): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = ms === null ? null : setTimeout(finish, ms);
      const check = () => {
        if (this.stopped || done()) finish();
      };
      function finish() {
        if (timer) clearTimeout(timer);
        resolve();
      }
      this.wake = check;
      check();
    }).finally(() => {
      this.wake = null;
    });
  }
}

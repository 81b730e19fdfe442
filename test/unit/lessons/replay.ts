// Replays a recorded live stream (fixtures/*.jsonl, made with fixtures/record-stream.mts from a real
// Podium on the local cluster) through the browser's own reducers, as a sequence of LiveStates, and
// drives a lesson's progress through it with clicks at given times: what the lesson page does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LiveState } from '../../../lib/lessons/expect';
import { advance, startStep, type Progress } from '../../../lib/lessons/progress';
import type { Lesson } from '../../../lib/lessons/stories';
import {
  applyChanges,
  applySnapshot,
  emptyKindState,
  itemsOf,
  type KindState,
} from '../../../lib/models/reducer';
import type { Change, Snapshot } from '../../../lib/models/stream';
import type { AnySummary, WatchedKind } from '../../../lib/models/types';

type Line =
  | { t: number; event: 'start'; data: { epoch: number } }
  | { t: number; event: 'snapshot'; data: Snapshot }
  | { t: number; event: 'changes'; data: Change[] };

const byCreation = <T extends { createdAt: string; name: string }>(a: T, b: T) =>
  a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name);

/** Every state the browser would have had, stamped with the epoch ms of the message that made it. */
export function recordedStates(fixture: string): LiveState[] {
  const lines = readFileSync(join(import.meta.dirname, 'fixtures', fixture), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line);
  const first = lines[0];
  if (first?.event !== 'start') throw new Error(`${fixture}: no start line`);
  const epoch = first.data.epoch;
  const kinds = new Map<WatchedKind, KindState<AnySummary>>();
  const list = <T extends AnySummary>(kind: WatchedKind) =>
    itemsOf(kinds.get(kind) ?? emptyKindState<AnySummary>()).sort(byCreation) as T[];
  const out: LiveState[] = [];
  for (const line of lines.slice(1)) {
    if (line.event === 'snapshot')
      kinds.set(line.data.kind, applySnapshot(line.data.items, kinds.get(line.data.kind)));
    else if (line.event === 'changes') {
      for (const c of line.data) kinds.set(c.kind, applyChanges(kinds.get(c.kind) ?? emptyKindState(), [c]));
    } else continue;
    out.push({
      at: epoch + line.t,
      deployments: list('deployments'),
      replicaSets: list('replicasets'),
      pods: list('pods'),
      hpas: list('hpas'),
      services: list('services'),
      endpointSlices: list('endpointslices'),
      events: [],
    });
  }
  return out;
}

export interface Click {
  /** epoch ms */
  at: number;
  step: string;
  trigger: string;
}

/** The lesson page's progress after the recording, with the clicks made at their times. */
export function play(
  lesson: Lesson,
  states: readonly LiveState[],
  clicks: readonly Click[],
  initial: Progress = {},
): Progress {
  let progress = initial;
  let last: LiveState | null = null;
  const pending = [...clicks].sort((a, b) => a.at - b.at);
  for (const state of states) {
    while (pending[0] && pending[0].at <= state.at) {
      const c = pending.shift()!;
      progress = startStep(progress, c.step, last ?? state, c.trigger, c.at);
    }
    progress = advance(lesson, progress, state);
    last = state;
  }
  return progress;
}

/** The first state at or after `at`. */
export function stateAt(states: readonly LiveState[], at: number): LiveState {
  const s = states.find((x) => x.at >= at) ?? states[states.length - 1];
  if (!s) throw new Error('no states');
  return s;
}

/** The last state before `at`: what the page showed when a button was clicked then. */
export function stateBefore(states: readonly LiveState[], at: number): LiveState {
  const s = states.filter((x) => x.at < at).at(-1) ?? states[0];
  if (!s) throw new Error('no states');
  return s;
}

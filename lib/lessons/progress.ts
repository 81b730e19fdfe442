// A lesson's progress, driven by the live stream: which step started when (and by what), the state
// at that moment, and when its expectation was first seen met. Pure, so the timings can be tested
// with sequences of live states; the page keeps a Progress in React state and feeds it each state.
import type { LiveState } from './expect';
import type { Lesson, LessonStep } from './lesson';

export interface StepRun {
  /** epoch ms (browser clock) of the click, or of the previous step being met */
  startedAt: number;
  /** what started it, for the timing line: "/inemuri", "Simulate", "set-up", "the previous step" */
  trigger: string;
  /** the live state when it started: predicates compare against it */
  before: LiveState;
  /** epoch ms of the first live state in which the expectation held */
  metAt: number | null;
  detail: string | null;
  /** the step whose being met started this one (trigger PREVIOUS_STEP) */
  after?: string;
}

export type Progress = Readonly<Record<string, StepRun>>;

export const PAGE_OPEN = 'page open';
export const PREVIOUS_STEP = 'the previous step';

/** (Re)starts a step: a click on its button, or set-up for the first step. */
export function startStep(
  progress: Progress,
  stepId: string,
  state: LiveState,
  trigger: string,
  at: number,
): Progress {
  return { ...progress, [stepId]: { startedAt: at, trigger, before: state, metAt: null, detail: null } };
}

/**
 * One live state in: started steps whose expectation now holds are marked met at `state.at`, and
 * the step after a met one starts by itself (so a lesson can be followed without clicking each
 * step's button). The first step starts when the first state arrives. Returns the same object when
 * nothing changed, so it can be called on every render.
 */
export function advance(lesson: Lesson, progress: Progress, state: LiveState): Progress {
  if (state.at === 0) return progress;
  let next: Record<string, StepRun> | null = null;
  const get = (id: string) => (next ?? progress)[id];
  const put = (id: string, run: StepRun) => {
    next ??= { ...progress };
    next[id] = run;
  };
  lesson.steps.forEach((step, i) => {
    let run = get(step.id);
    if (!run) {
      const prev = i > 0 ? get(lesson.steps[i - 1]!.id) : undefined;
      if (i === 0)
        run = { startedAt: state.at, trigger: PAGE_OPEN, before: state, metAt: null, detail: null };
      else if (prev?.metAt != null) {
        run = {
          startedAt: prev.metAt,
          trigger: PREVIOUS_STEP,
          before: state,
          metAt: null,
          detail: null,
          after: lesson.steps[i - 1]!.id,
        };
      } else return;
      put(step.id, run);
    }
    if (run.metAt === null && step.expect.met(state, run.before)) {
      put(step.id, { ...run, metAt: state.at, detail: step.expect.detail?.(state, run.before) ?? null });
    }
  });
  return next ?? progress;
}

/** "4.2 s", "38 s", "5 min 8 s", "12 min". */
export function formatSeconds(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const whole = Math.round(s);
  const m = Math.floor(whole / 60);
  const rest = whole % 60;
  if (m >= 10) return `${m} min`;
  return rest === 0 ? `${m} min` : `${m} min ${rest} s`;
}

export interface StepTiming {
  ms: number;
  /** "restart seen 4.2 s after /inemuri" */
  text: string;
}

/**
 * Whether a run was met in the very state that started it, so nothing was timed: "page" when that
 * goes back to the page opening on a lesson already under way, "together" when it was seen in the
 * same update as the step before it.
 */
function untimed(run: StepRun | undefined, progress: Progress, depth = 0): 'page' | 'together' | null {
  if (!run || run.metAt === null || run.metAt !== run.startedAt || depth > 50) return null;
  if (run.trigger === PAGE_OPEN) return 'page';
  if (run.trigger !== PREVIOUS_STEP) return null;
  return untimed(run.after ? progress[run.after] : undefined, progress, depth + 1) === 'page'
    ? 'page'
    : 'together';
}

/**
 * How long the step's effect took to show: from its own start, or from the start of the step it
 * names in `timedFrom` ("6 replicas ready 38 s after load started"). Null until met.
 */
export function stepTiming(step: LessonStep, progress: Progress): StepTiming | null {
  const run = progress[step.id];
  if (!run || run.metAt === null) return null;
  const from = (step.timedFrom ? progress[step.timedFrom] : undefined) ?? run;
  const why = untimed(from, progress);
  if (why === 'page') return { ms: 0, text: 'already so when the page opened' };
  if (why === 'together' && from === run)
    return { ms: 0, text: `${step.expect.seen} together with the previous step` };
  const ms = run.metAt - from.startedAt;
  return { ms, text: `${step.expect.seen} ${formatSeconds(ms)} after ${from.trigger}` };
}

export type StepStatus = 'waiting' | 'watching' | 'done';

export function stepStatus(step: LessonStep, progress: Progress): StepStatus {
  const run = progress[step.id];
  return !run ? 'waiting' : run.metAt === null ? 'watching' : 'done';
}

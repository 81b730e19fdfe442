// Lesson progress and timings over real live streams recorded on the local cluster (fixtures/):
// the clicks are the ones made while recording, at their times, so the timings below are what the
// lesson page showed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  advance,
  formatSeconds,
  PAGE_OPEN,
  PREVIOUS_STEP,
  startStep,
  stepStatus,
  stepTiming,
  type Progress,
} from '../../../lib/lessons/progress';
import { lessonById, type Lesson } from '../../../lib/lessons/stories';
import { play, recordedStates, stateAt, stateBefore } from './replay';

const lesson = (id: string): Lesson => {
  const l = lessonById(id);
  if (!l) throw new Error(id);
  return l;
};
const step = (l: Lesson, id: string) => l.steps.find((s) => s.id === id)!;
const timing = (l: Lesson, p: Progress, id: string) => stepTiming(step(l, id), p);

describe('liveness-restarts, recorded: set-up, a simulated liveness restart, a crash, scale to 10', () => {
  const l = lesson('liveness-restarts');
  const states = recordedStates('liveness-restarts.jsonl');
  const clicks = [
    { at: 1795315022982, step: 'up', trigger: 'set-up' },
    { at: 1795315024253, step: 'hang', trigger: 'Simulate' },
    { at: 1795315024878, step: 'crash', trigger: 'Simulate' },
    { at: 1795315025428, step: 'scale', trigger: 'the scale' },
  ];
  const p = play(l, states, clicks);

  it('ticks off every step it recorded; the WebSocket benchmark then waits for a run', () => {
    assert.deepEqual(
      l.steps.map((s) => stepStatus(s, p)),
      ['done', 'done', 'done', 'done', 'watching', 'waiting'],
    );
  });

  it('times the set-up from the click to the state with 3 ready pods and a Deployment that counts them', () => {
    const firstReady = states.find(
      (s) =>
        s.at > clicks[0]!.at &&
        s.pods.filter((x) => x.ready).length >= 3 &&
        (s.deployments[0]?.ready ?? 0) >= 3,
    )!;
    assert.equal(p.up?.metAt, firstReady.at);
    const t = timing(l, p, 'up')!;
    assert.equal(t.ms, firstReady.at - clicks[0]!.at);
    assert.match(t.text, /^3 replicas of echo ready \d+\.\d s after set-up$/);
  });

  it('sees the liveness restart, with the reason, within a few seconds of Simulate', () => {
    const t = timing(l, p, 'hang')!;
    assert.ok(t.ms > 0 && t.ms < 5000, `${t.ms}`);
    assert.match(t.text, /^restart seen \d+\.\d s after Simulate$/);
    assert.match(
      p.hang?.detail ?? '',
      // the recording keeps no events (the kubelet's Killing is what would name the probe)
      /^pod echo-[a-z0-9]+-[a-z0-9]+: 1 restart: Killed from outside the app .*exit 137 \(SIGKILL\), container echo$/,
    );
  });

  it('counts the crash as a new restart (exit code 1), not the earlier liveness one', () => {
    assert.ok(p.crash!.metAt! > p.hang!.metAt!);
    assert.match(p.crash?.detail ?? '', /The app exited, exit 1, container echo$/);
  });

  it('times 10 ready replicas from the scale click', () => {
    const t = timing(l, p, 'scale')!;
    const tenReady = states.find(
      (s) => s.at > clicks[3]!.at && (s.deployments.find((d) => d.name === 'echo')?.ready ?? 0) >= 10,
    )!;
    assert.equal(t.ms, tenReady.at - clicks[3]!.at);
    assert.match(t.text, /^10 replicas of echo ready .* after the scale$/);
  });

  it('does not call a restart what happened before the click', () => {
    // start "hang" only after everything happened: nothing restarts after that
    const late = play(l, states, [
      ...clicks.slice(0, 1),
      { at: states.at(-1)!.at, step: 'hang', trigger: 'Simulate' },
    ]);
    assert.equal(stepStatus(step(l, 'hang'), late), 'watching');
  });
});

describe('rolling-update, recorded: two rollouts, with and without a readiness probe', () => {
  const l = lesson('rolling-update');
  const states = recordedStates('rolling-update.jsonl');
  const p = play(l, states, [
    { at: 1795315072013, step: 'up', trigger: 'set-up' },
    { at: 1795315083421, step: 'roll-no-readiness', trigger: 'the roll-out' },
    { at: 1795315084500, step: 'roll-with-readiness', trigger: 'the roll-out' },
  ]);

  it('set-up waits for the slow with-readiness pods (10 s warm-up)', () => {
    const t = timing(l, p, 'up')!;
    assert.ok(t.ms >= 10_000 && t.ms < 15_000, `${t.ms}`);
  });

  it('the rollout without readiness is over at once, the one with it takes about 3 × 10 s', () => {
    const fast = timing(l, p, 'roll-no-readiness')!;
    const slow = timing(l, p, 'roll-with-readiness')!;
    assert.ok(fast.ms < 5_000, `${fast.ms}`);
    assert.ok(slow.ms >= 30_000 && slow.ms < 40_000, `${slow.ms}`);
    assert.match(slow.text, /^new ReplicaSet fully ready 3\d s after the roll-out$/);
    assert.equal(p['roll-with-readiness']?.detail, 'revision 2, 3 ready');
  });

  it('is not done mid-rollout: two ReplicaSets with pods, the new one not all ready', () => {
    const mid = stateAt(states, 1795315084500 + 15_000);
    const rollout = step(l, 'roll-with-readiness');
    const before = stateBefore(states, 1795315084500);
    assert.equal(rollout.expect.met(mid, before), false);
    assert.equal(rollout.expect.met(states.at(-1)!, before), true);
    // and a finished rollout that was already there when the step began does not count
    assert.equal(rollout.expect.met(states.at(-1)!, states.at(-1)!), false);
  });
});

describe('hpa-scaling, recorded: load on, the HPA scales 2 → 6', () => {
  const l = lesson('hpa-scaling');
  const states = recordedStates('hpa-scaling.jsonl');
  const loadAt = 1795315078995;
  const p = play(l, states, [
    { at: 1795315072762, step: 'up', trigger: 'set-up' },
    { at: loadAt, step: 'load', trigger: 'load started' },
  ]);

  it('sees the HPA want more, then 6 ready replicas, both timed from the load', () => {
    const scaleUp = states.find((s) => s.at > loadAt && (s.hpas[0]?.desiredReplicas ?? 0) > 2)!;
    assert.equal(timing(l, p, 'load')?.ms, scaleUp.at - loadAt);
    assert.match(p.load?.detail ?? '', /^desired 6 at \d+ % CPU$/);
    const six = timing(l, p, 'six')!;
    assert.match(six.text, /^6 replicas of echo ready \d+ s after load started$/);
    assert.ok(six.ms >= timing(l, p, 'load')!.ms);
  });

  it('leaves the scale-down step watching: the 5 minute window has not passed', () => {
    assert.equal(stepStatus(step(l, 'unload'), p), 'watching');
    assert.equal(p.unload?.trigger, PREVIOUS_STEP);
  });
});

describe('advance and stepTiming', () => {
  const l = lesson('liveness-restarts');
  const states = recordedStates('liveness-restarts.jsonl');
  const end = states.at(-1)!;

  it('returns the same object when nothing changes, so the page settles', () => {
    const p = advance(l, {}, end);
    assert.notEqual(p, advance(l, {}, end));
    assert.equal(advance(l, p, end), p);
    assert.equal(advance(l, p, { ...end, at: 0 }), p);
  });

  it('a page opened on a lesson under way says so instead of timing it', () => {
    const p = advance(l, {}, end);
    assert.equal(p.up?.trigger, PAGE_OPEN);
    assert.equal(timing(l, p, 'up')?.text, 'already so when the page opened');
    // the next step starts by itself and waits for a new restart
    assert.equal(p.hang?.trigger, PREVIOUS_STEP);
    assert.equal(stepStatus(step(l, 'hang'), p), 'watching');
  });

  it('a click restarts a step: it is timed from the click', () => {
    const p = startStep(advance(l, {}, end), 'up', end, 'set-up', end.at - 2500);
    assert.equal(stepStatus(step(l, 'up'), p), 'watching');
    const q = advance(l, p, { ...end, at: end.at + 100 });
    assert.equal(timing(l, q, 'up')?.text, '3 replicas of echo ready 2.6 s after set-up');
  });
});

describe('formatSeconds', () => {
  it('reads aloud', () => {
    assert.equal(formatSeconds(4210), '4.2 s');
    assert.equal(formatSeconds(38_400), '38 s');
    assert.equal(formatSeconds(306_000), '5 min 6 s');
    assert.equal(formatSeconds(300_000), '5 min');
    assert.equal(formatSeconds(731_000), '12 min');
    assert.equal(formatSeconds(-5), '0.0 s');
  });
});

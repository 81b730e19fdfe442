// waitFor succeeds only on `true` (issue 17): a check that returns a diagnostic string when the
// condition does not hold must time out with that string, not pass at the first poll.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor, waitForValue, type Wait } from '../../helpers/wait';

/** A check that counts its calls and returns what `answer` gives for the n-th call (1-based). */
function counting<T>(answer: (n: number) => T) {
  const c = { calls: 0, check: () => answer(++c.calls) };
  return c;
}

const SHORT = 600; // ms: many polls at 5 ms, even on a loaded machine
const EVERY = 5;

describe('waitFor', () => {
  it('never takes a diagnostic string for success: it times out and shows the string', async () => {
    const c = counting(() => 'tiles per tab: 2, 2, 0');
    await assert.rejects(waitFor('all tabs: 2 pod tiles', c.check, SHORT, EVERY), (err: Error) => {
      assert.match(err.message, /^timed out after 600 ms waiting for all tabs: 2 pod tiles; last: /);
      assert.match(err.message, /last: tiles per tab: 2, 2, 0$/);
      return true;
    });
    assert.ok(c.calls > 1, `polled ${c.calls} time(s)`);
  });

  it('succeeds on true at once, and after some polls that were not yet', async () => {
    const first = counting((): Wait => true);
    await waitFor('true', first.check, SHORT, EVERY);
    assert.equal(first.calls, 1);

    const third = counting((n): Wait => (n >= 3 ? true : `poll ${n}`));
    await waitFor('the third poll', async () => third.check(), 1_000, EVERY);
    assert.equal(third.calls, 3);
  });

  for (const value of [false, '', 0, null, undefined, 'true', 1, {}, []] as unknown[]) {
    it(`takes ${JSON.stringify(value) ?? 'undefined'} for "not yet"`, async () => {
      const c = counting(() => value as Wait);
      await assert.rejects(
        waitFor('nothing', c.check, SHORT, EVERY),
        /timed out after 600 ms waiting for nothing/,
      );
      assert.ok(c.calls > 1);
    });
  }

  it('takes a thrown error for "not yet" and keeps its message as the diagnostic', async () => {
    const failing = () => {
      throw new Error('pods "web" not found');
    };
    await assert.rejects(waitFor('the pod', failing, SHORT, EVERY), /last: pods "web" not found$/);

    const later = counting((n): Wait => {
      if (n < 3) throw new Error('not yet');
      return true;
    });
    await waitFor('the third poll', later.check, 1_000, EVERY);
    assert.equal(later.calls, 3);
  });
});

describe('waitForValue', () => {
  it('returns the object the check found, after polls that found nothing', async () => {
    const pod = { name: 'web-1', restarts: 2 };
    const c = counting((n) => (n >= 3 ? pod : n === 1 ? null : undefined));
    assert.equal(await waitForValue('the pod', c.check, 1_000, EVERY), pod);
    assert.equal(c.calls, 3);
  });

  it('takes an array, even an empty one, for a value', async () => {
    const none: string[] = [];
    assert.equal(await waitForValue('the list', async () => none, SHORT, EVERY), none);
  });

  for (const value of [null, undefined, 'web-1', 0, true] as unknown[]) {
    it(`takes ${JSON.stringify(value) ?? 'undefined'} for "not yet"`, async () => {
      await assert.rejects(
        waitForValue('the pod', () => value as object | null, SHORT, EVERY),
        /timed out after 600 ms waiting for the pod/,
      );
    });
  }
});

// The types steer callers to the right helper: these lines must not compile (npm run typecheck).
export function typeChecks() {
  // @ts-expect-error an object is a value: waitForValue
  void waitFor('an object', () => ({ name: 'web-1' }));
  // @ts-expect-error a number is not "done": compare it and return true
  void waitFor('a count', async () => 3);
  // @ts-expect-error a string could not be told from a diagnostic: return an object
  void waitForValue('a string', async () => 'web-1');
  // a diagnostic string is fine for waitFor
  void waitFor('a diagnostic', () => 'not yet');
}

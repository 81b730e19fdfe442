// A live "12 s ago" re-renders when its text changes, not at every tick of the shared clock: a
// "10 m ago" renders once a minute (twenty visible tabs repainted every clock every second:
// docs/performance.md), and not at all in a block the browser skips drawing, until it comes near.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

describe('a live relative time', () => {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'relative-time-renders.run.tsx')],
    { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
  );
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as {
    first: { young: string; old: string; skipped: string };
    last: { young: string; old: string; skipped: string };
    renders: { young: number; old: number; skipped: number };
    whileSkipped: string;
    cameBack: string;
  };

  it('shows the time passed and follows the clock', () => {
    assert.deepEqual(result.first, { young: '5 s ago', old: '10 m ago', skipped: '5 s ago' });
    assert.deepEqual(result.last, { young: '65 s ago', old: '11 m ago', skipped: '65 s ago' });
  });

  it('re-renders a young time at each second its text changes', () => {
    assert.equal(result.renders.young, 60);
  });

  it('re-renders an old time only when its minute changes', () => {
    assert.equal(result.renders.old, 1);
  });

  it('does not tick in a block the browser skips drawing, and is right as soon as it comes near', () => {
    assert.equal(result.renders.skipped, 0);
    assert.equal(result.whileSkipped, '5 s ago');
    assert.equal(result.cameBack, '65 s ago');
  });
});

// A live "12 s ago" re-renders when its text changes, not at every tick of the shared clock: a
// "10 m ago" renders once a minute (twenty visible tabs repainted every clock every second:
// docs/performance.md).
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
    first: { young: string; old: string };
    last: { young: string; old: string };
    renders: { young: number; old: number };
  };

  it('shows the time passed and follows the clock', () => {
    assert.deepEqual(result.first, { young: '5 s ago', old: '10 m ago' });
    assert.deepEqual(result.last, { young: '65 s ago', old: '11 m ago' });
  });

  it('re-renders a young time at each second its text changes', () => {
    assert.equal(result.renders.young, 60);
  });

  it('re-renders an old time only when its minute changes', () => {
    assert.equal(result.renders.old, 1);
  });
});

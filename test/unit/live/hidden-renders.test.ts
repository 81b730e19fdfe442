// A hidden tab keeps its data current and renders nothing until it is shown (components/live/
// live-provider.tsx: <Activity>). Measured on the real provider and hooks over a fake EventSource.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

type Renders = { list: number; rows: number };
type Phase = { provided: Renders; bare: Renders };

describe('a hidden tab', () => {
  // React's hooks need the default export conditions: run the renders in a child process
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'hidden-renders.run.tsx')],
    {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  const r = JSON.parse(out.trim().split('\n').at(-1)!) as {
    first: Phase;
    hidden: Phase;
    cacheWhileHidden: number | null;
    shown: Phase;
  };

  it('renders the first snapshot like any tab', () => {
    assert.equal(r.first.provided.rows, 3);
  });

  it('renders nothing for five batches while hidden, where the bare hook rendered each', () => {
    assert.deepEqual(r.hidden.provided, { list: 0, rows: 0 });
    assert.equal(r.hidden.bare.list, 5, 'the control: without <Activity> every batch renders');
  });

  it('keeps its cache current while hidden', () => {
    assert.equal(r.cacheWhileHidden, 105);
  });

  it('renders once, with the latest data, when shown', () => {
    assert.deepEqual(r.shown.provided, { list: 1, rows: 1 });
  });
});

// A relist (the snapshot the server sends after every reconnect or 410 Gone) that changes nothing
// re-renders nothing, and one that changes one pod re-renders that pod's row only: the live hook
// hands the reducer the state it replaces (lib/hooks/use-live-stream.ts, applySnapshot).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

describe('a relist through the real live hook', () => {
  // React's hooks need the default export conditions: run the renders in a child process
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'relist-renders.run.tsx')],
    {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as {
    pods: number;
    first: { list: number; rows: number };
    identical: { list: number; rows: number };
    oneChanged: { list: number; rows: number };
  };

  it('renders every row once for the first snapshot', () => {
    assert.equal(result.first.rows, result.pods);
  });

  it('re-renders nothing when the relist brings no change', () => {
    assert.deepEqual(result.identical, { list: 0, rows: 0 });
  });

  it('re-renders the list and the one changed row when one pod changed', () => {
    assert.deepEqual(result.oneChanged, { list: 1, rows: 1 });
  });
});

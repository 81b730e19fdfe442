// A pod that appears does not make the page ask the server for its permissions again: every pod's
// action buttons read the namespace's answer, which the 30 s refresh keeps current (a request per
// new pod in every open tab before: docs/performance.md, "The burst's head in one batch").
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

describe('the permissions answer', () => {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'permissions-fetches.run.tsx')],
    { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
  );
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as { first: number; after: number };

  it('is asked for once when the page opens', () => {
    assert.equal(result.first, 1);
  });

  it('is not asked for again when new pods mount their actions', () => {
    assert.equal(result.after, 1);
  });
});

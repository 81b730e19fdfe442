import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BROWSER_MAX, PROCESS_MAX, WINDOW_MS, createUnlockLimiter } from '../../../lib/routes/unlock-limit';

describe('unlock limiter', () => {
  it('blocks a browser after its own wrong tokens, not the others', () => {
    const l = createUnlockLimiter();
    for (let i = 0; i < BROWSER_MAX; i++) l.fail('student', 1_000 + i);
    assert.equal(l.blocked('student', 2_000), 'browser');
    assert.equal(l.blocked('teacher', 2_000), null);
  });

  it('forgets failures older than the window', () => {
    const l = createUnlockLimiter();
    for (let i = 0; i < BROWSER_MAX; i++) l.fail('student', 1_000);
    assert.equal(l.blocked('student', 1_000 + WINDOW_MS - 1), 'browser');
    assert.equal(l.blocked('student', 1_000 + WINDOW_MS), null);
  });

  it('caps the whole process when many browsers guess at once', () => {
    const l = createUnlockLimiter();
    for (let i = 0; i < PROCESS_MAX; i++) l.fail(`browser-${i}`, 5_000);
    assert.equal(l.blocked('teacher', 5_001), 'process');
    assert.equal(l.blocked('teacher', 5_000 + WINDOW_MS), null);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatClock, formatDuration, formatRelative, spanMs } from '@/components/ui/time';

describe('formatRelative', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  it('reads like a person would say it', () => {
    assert.equal(formatRelative('2026-01-01T11:59:48Z', now), '12 s ago');
    assert.equal(formatRelative('2026-01-01T11:57:00Z', now, false), '3 m');
    assert.equal(formatRelative('2026-01-01T10:00:00Z', now, false), '2 h');
    assert.equal(formatRelative('2025-12-28T12:00:00Z', now, false), '4 d');
  });
  it('survives missing, broken and future timestamps', () => {
    assert.equal(formatRelative(null, now), '—');
    assert.equal(formatRelative('not a date', now), '—');
    assert.equal(formatRelative('2026-01-01T12:00:05Z', now), '0 s ago');
  });
  it('switches units late enough to keep precision for short waits', () => {
    assert.equal(formatDuration(89_000), '89 s');
    assert.equal(formatDuration(90_000), '1 m');
  });
});

describe('chart time axis', () => {
  it('uses mm:ss under an hour and HH:mm beyond', () => {
    const t = new Date(2026, 0, 1, 14, 5, 9).getTime();
    assert.equal(formatClock(t, 10 * 60_000), '05:09');
    assert.equal(formatClock(t, 2 * 3_600_000), '14:05');
  });
  it('measures the span of the rows drawn', () => {
    assert.equal(spanMs([{ t: 10 }, { t: 40 }, { t: 70 }]), 60);
    assert.equal(spanMs([]), 0);
  });
});

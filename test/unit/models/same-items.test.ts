// keepSameItems (lib/models/same-items.ts): a derived list keeps its identity while its items do.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keepSameItems } from '../../../lib/models/same-items';

describe('keepSameItems', () => {
  const a = { name: 'a' };
  const b = { name: 'b' };
  it('returns the previous list when the new one holds the same items in the same order', () => {
    const prev = [a, b];
    assert.equal(keepSameItems(prev, [a, b]), prev);
    const none: string[] = [];
    assert.equal(keepSameItems(none, []), none);
  });
  it('returns the new list when an item, the order or the length differs', () => {
    const prev = [a, b];
    for (const next of [[a, { name: 'b' }], [b, a], [a], [a, b, a]])
      assert.equal(keepSameItems(prev, next), next);
  });
  it('compares strings by value (pod names)', () => {
    const prev = ['web-1', 'web-2'];
    assert.equal(keepSameItems(prev, ['web-1', 'web-2']), prev);
  });
});

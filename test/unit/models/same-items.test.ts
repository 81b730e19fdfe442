// lib/models/same-items.ts: a derived list keeps its identity while its items do; memoised rows
// compare a freshly computed restart cause by its fields.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { keepSameItems, sameFields, samePropsBy } from '../../../lib/models/same-items';

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

describe('sameFields', () => {
  it('holds for the same fields in new objects, and for the same value', () => {
    assert.ok(sameFields({ kind: 'liveness', exit: 'exit 0' }, { kind: 'liveness', exit: 'exit 0' }));
    assert.ok(sameFields(null, null));
    assert.ok(sameFields(undefined, undefined));
  });
  it('fails on a different field, a missing or an extra one, or null against an object', () => {
    assert.ok(!sameFields({ kind: 'liveness' }, { kind: 'oom' }));
    assert.ok(
      !sameFields<{ kind: string; exit?: string }>({ kind: 'oom' }, { kind: 'oom', exit: 'exit 137' }),
    );
    assert.ok(
      !sameFields<{ kind: string; exit?: string }>({ kind: 'oom', exit: 'exit 137' }, { kind: 'oom' }),
    );
    assert.ok(!sameFields(null, { kind: 'oom' }));
    assert.ok(!sameFields({ kind: 'oom' }, undefined));
  });
});

describe('samePropsBy', () => {
  type Props = { pod: object; cause: { kind: string } | null; selected: boolean };
  const same = samePropsBy<Props>('cause');
  const pod = {};
  it('compares the named props by their fields and the others by identity', () => {
    assert.ok(
      same(
        { pod, cause: { kind: 'oom' }, selected: false },
        { pod, cause: { kind: 'oom' }, selected: false },
      ),
    );
    assert.ok(
      !same(
        { pod, cause: { kind: 'oom' }, selected: false },
        { pod, cause: { kind: 'exit' }, selected: false },
      ),
    );
    assert.ok(!same({ pod, cause: null, selected: false }, { pod: {}, cause: null, selected: false }));
    assert.ok(!same({ pod, cause: null, selected: false }, { pod, cause: null, selected: true }));
  });
});

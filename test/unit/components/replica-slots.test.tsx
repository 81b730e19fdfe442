import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { replicaSlots } from '@/components/scaling/replica-slots';

describe('replicaSlots', () => {
  it('marks the pods the HPA is adding during a scale-up', () => {
    assert.deepEqual(replicaSlots({ max: 6, current: 3, desired: 5 }), [
      'running',
      'running',
      'running',
      'adding',
      'adding',
      'free',
    ]);
  });
  it('marks the pods being removed during a scale-down', () => {
    assert.deepEqual(replicaSlots({ max: 4, current: 4, desired: 2 }), [
      'running',
      'running',
      'removing',
      'removing',
    ]);
  });
  it('shows replicas beyond max (scaled by hand) instead of hiding them', () => {
    assert.equal(replicaSlots({ max: 2, current: 3, desired: 2 }).length, 3);
  });
});

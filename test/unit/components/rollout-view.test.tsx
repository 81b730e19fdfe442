import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deployment, rs } from '../../helpers/summaries';
import { shownReplicaSets } from '@/components/rollouts/rollout-view';
import { rolloutState } from '@/lib/models/rollout';

describe('shownReplicaSets', () => {
  it('shows old and new during a rollout, the new one first', () => {
    const sets = [rs('aaa', 1, 0), rs('bbb', 2, 3), rs('ccc', 3, 2, 1)];
    const state = rolloutState(deployment({ updated: 2 }), sets);
    assert.deepEqual(
      shownReplicaSets(state, sets).map((r) => r.name),
      ['web-ccc', 'web-bbb'],
    );
  });
  it('keeps the previous revision after a rollout, even with no pods in it', () => {
    const sets = [rs('aaa', 1, 0), rs('bbb', 2, 0), rs('ccc', 3, 4)];
    const state = rolloutState(deployment(), sets);
    assert.deepEqual(
      shownReplicaSets(state, sets).map((r) => r.name),
      ['web-ccc', 'web-bbb'],
    );
  });
  it('shows every old ReplicaSet that still runs pods, beyond two', () => {
    const sets = [rs('aaa', 1, 1), rs('bbb', 2, 1), rs('ccc', 3, 2)];
    const state = rolloutState(deployment({ updated: 2, current: 4 }), sets);
    assert.deepEqual(
      shownReplicaSets(state, sets).map((r) => r.name),
      ['web-ccc', 'web-bbb', 'web-aaa'],
    );
  });
  it('shows what exists before the first ReplicaSet has a revision', () => {
    assert.deepEqual(shownReplicaSets({ newReplicaSet: null, oldReplicaSets: [] }, []), []);
  });
});

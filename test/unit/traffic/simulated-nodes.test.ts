import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { onSimulatedNode, podsRun } from '../../../lib/models/simulated-nodes';

describe('pods on simulated (kwok) nodes vs real ones', () => {
  it('kwok-node-* is simulated, podium-real-1 and any other node is real', () => {
    assert.equal(onSimulatedNode({ node: 'kwok-node-0' }), true);
    assert.equal(onSimulatedNode({ node: 'podium-real-1' }), false);
    assert.equal(onSimulatedNode({ node: null }), false);
  });

  it('real as soon as one live pod runs on a real node; none before scheduling', () => {
    assert.equal(
      podsRun([
        { node: 'kwok-node-0', deleting: false },
        { node: 'podium-real-1', deleting: false },
      ]),
      'real',
    );
    assert.equal(
      podsRun([
        { node: 'kwok-node-0', deleting: false },
        { node: 'podium-real-1', deleting: true },
      ]),
      'simulated',
    );
    assert.equal(podsRun([{ node: null, deleting: false }]), 'none');
  });
});

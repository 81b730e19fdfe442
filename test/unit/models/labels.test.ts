import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatSelector, matchesLabelSelector, matchesSelector } from '../../../lib/models/labels';

describe('matchesSelector (Service semantics)', () => {
  const pod = { app: 'api-label', 'dummy-version': '2.0', 'pod-template-hash': '7d4b9c' };

  it('matches when every selector label is present with the same value', () => {
    assert.equal(matchesSelector({ app: 'api-label' }, pod), true);
    assert.equal(matchesSelector({ app: 'api-label', 'dummy-version': '2.0' }, pod), true);
  });

  it('does not match on a different value or a missing key', () => {
    assert.equal(matchesSelector({ app: 'api-label', 'dummy-version': '1.0' }, pod), false);
    assert.equal(matchesSelector({ tier: 'frontend' }, pod), false);
    assert.equal(matchesSelector({ app: '' }, {}), false);
  });

  it('selects nothing with an empty selector or no labels', () => {
    assert.equal(matchesSelector({}, pod), false);
    assert.equal(matchesSelector({ app: 'api-label' }, undefined), false);
  });

  it('is not fooled by inherited object properties', () => {
    assert.equal(matchesSelector({ toString: 'x' }, {}), false);
  });
});

describe('matchesLabelSelector (Deployment semantics)', () => {
  const labels = { app: 'web', track: 'canary' };

  it('combines matchLabels and matchExpressions', () => {
    const selector = {
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'track', operator: 'In', values: ['canary', 'beta'] }],
    };
    assert.equal(matchesLabelSelector(selector, labels), true);
    assert.equal(matchesLabelSelector(selector, { app: 'web', track: 'stable' }), false);
  });

  it('implements NotIn, Exists and DoesNotExist', () => {
    assert.equal(
      matchesLabelSelector(
        { matchExpressions: [{ key: 'track', operator: 'NotIn', values: ['stable'] }] },
        labels,
      ),
      true,
    );
    assert.equal(
      matchesLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['x'] }] }, labels),
      true,
    );
    assert.equal(
      matchesLabelSelector({ matchExpressions: [{ key: 'track', operator: 'Exists' }] }, labels),
      true,
    );
    assert.equal(
      matchesLabelSelector({ matchExpressions: [{ key: 'track', operator: 'DoesNotExist' }] }, labels),
      false,
    );
    assert.equal(
      matchesLabelSelector({ matchExpressions: [{ key: 'track', operator: 'Bogus' }] }, labels),
      false,
    );
  });

  it('matches everything when empty, nothing when missing', () => {
    assert.equal(matchesLabelSelector({}, labels), true);
    assert.equal(matchesLabelSelector(undefined, labels), false);
  });
});

describe('formatSelector', () => {
  it('prints sorted key=value pairs', () => {
    assert.equal(formatSelector({ track: 'canary', app: 'web' }), 'app=web,track=canary');
    assert.equal(formatSelector({}), '');
  });
});

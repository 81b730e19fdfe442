import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  controllerName,
  intAnnotation,
  toConditions,
  toEpochMs,
  toIso,
  toObjectRef,
} from '../../../lib/models/meta';

describe('toIso', () => {
  it('passes RFC 3339 strings through, including MicroTime', () => {
    assert.equal(toIso('2026-03-02T09:15:00Z'), '2026-03-02T09:15:00Z');
    assert.equal(toIso('2026-03-02T09:15:00.123456Z'), '2026-03-02T09:15:00.123456Z');
  });

  it('renders Dates from @kubernetes/client-node the way the API writes them', () => {
    assert.equal(toIso(new Date('2026-03-02T09:15:00Z')), '2026-03-02T09:15:00Z');
    assert.equal(toIso(new Date('2026-03-02T09:15:00.250Z')), '2026-03-02T09:15:00.250Z');
  });

  it('returns null for missing or unparsable times', () => {
    assert.equal(toIso(undefined), null);
    assert.equal(toIso(null), null);
    assert.equal(toIso(''), null);
    assert.equal(toIso('yesterday'), null);
    assert.equal(toIso(new Date(Number.NaN)), null);
  });

  it('compares times by instant, not by text', () => {
    assert.ok(
      (toEpochMs('2026-03-02T09:15:00.5Z') ?? 0) > (toEpochMs(new Date('2026-03-02T09:15:00Z')) ?? 0),
    );
  });
});

describe('metadata helpers', () => {
  const meta = {
    name: 'web-7c5d9b8f6d-x2x9q',
    namespace: 'demo',
    uid: '1b3c',
    resourceVersion: '4711',
    creationTimestamp: '2026-03-02T09:15:00Z',
    annotations: { 'deployment.kubernetes.io/revision': '3', odd: '3a' },
    ownerReferences: [
      { apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'n', controller: false },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7c5d9b8f6d', uid: 'r', controller: true },
    ],
  };

  it('builds the ObjectRef every summary extends', () => {
    assert.deepEqual(toObjectRef(meta), {
      uid: '1b3c',
      name: 'web-7c5d9b8f6d-x2x9q',
      namespace: 'demo',
      resourceVersion: '4711',
      createdAt: '2026-03-02T09:15:00Z',
    });
  });

  it('finds the controlling owner of a kind', () => {
    assert.equal(controllerName(meta, 'ReplicaSet'), 'web-7c5d9b8f6d');
    assert.equal(controllerName(meta, 'Node'), null);
  });

  it('reads integer annotations strictly', () => {
    assert.equal(intAnnotation(meta, 'deployment.kubernetes.io/revision'), 3);
    assert.equal(intAnnotation(meta, 'odd'), null);
    assert.equal(intAnnotation(meta, 'missing'), null);
  });

  it('normalises conditions', () => {
    assert.deepEqual(
      toConditions([
        { type: 'Ready', status: 'maybe', reason: '', lastTransitionTime: new Date('2026-03-02T09:15:00Z') },
      ]),
      [
        {
          type: 'Ready',
          status: 'Unknown',
          reason: null,
          message: null,
          lastTransitionTime: '2026-03-02T09:15:00Z',
        },
      ],
    );
  });
});

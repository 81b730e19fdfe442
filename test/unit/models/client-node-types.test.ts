// The models take raw objects in two forms: JSON from watch events (timestamps as strings) and
// @kubernetes/client-node's deserialized list results (timestamps as Date). The type checks
// below fail `tsc` if a client-node type stops being assignable; the tests check the Dates.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  CoreV1Event,
  EventsV1Event,
  PodMetric,
  V1Deployment,
  V1EndpointSlice,
  V1Namespace,
  V1Node,
  V1Pod,
  V1PodTemplateSpec,
  V1ReplicaSet,
  V1Service,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import type { RawDeployment } from '../../../lib/models/deployment';
import type { RawEndpointSlice } from '../../../lib/models/endpointslice';
import { toEventRow, type RawEvent } from '../../../lib/models/event';
import type { RawHpa } from '../../../lib/models/hpa';
import type { RawNamespace, RawNode } from '../../../lib/models/meta';
import { toPodRow, type RawPod, type RawPodTemplate } from '../../../lib/models/pod';
import type { RawPodMetrics } from '../../../lib/models/pod-metrics';
import type { RawReplicaSet } from '../../../lib/models/replicaset';
import type { RawService } from '../../../lib/models/service';

type Assignable<From, To> = [From] extends [To] ? true : false;
const compatible: [
  Assignable<V1Pod, RawPod>,
  Assignable<V1Deployment, RawDeployment>,
  Assignable<V1ReplicaSet, RawReplicaSet>,
  Assignable<V1Service, RawService>,
  Assignable<V1EndpointSlice, RawEndpointSlice>,
  Assignable<V2HorizontalPodAutoscaler, RawHpa>,
  Assignable<CoreV1Event, RawEvent>,
  Assignable<EventsV1Event, RawEvent>,
  Assignable<V1PodTemplateSpec, RawPodTemplate>,
  Assignable<V1Namespace, RawNamespace>,
  Assignable<V1Node, RawNode>,
  Assignable<PodMetric, RawPodMetrics>,
] = [true, true, true, true, true, true, true, true, true, true, true, true];

describe('client-node objects', () => {
  it('are assignable to the raw shapes (checked by tsc)', () => {
    assert.ok(compatible.every(Boolean));
  });

  it('Date timestamps come out as the API’s ISO text', () => {
    const row = toPodRow({
      metadata: { name: 'p', creationTimestamp: new Date('2026-03-02T09:14:58Z') },
      status: {
        phase: 'Running',
        startTime: new Date('2026-03-02T09:14:58Z'),
        conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: new Date('2026-03-02T09:15:10Z') }],
        containerStatuses: [
          {
            name: 'app',
            lastState: { terminated: { exitCode: 1, finishedAt: new Date('2026-03-02T09:15:00.250Z') } },
          },
        ],
      },
    });
    assert.equal(row.createdAt, '2026-03-02T09:14:58Z');
    assert.equal(row.readySince, '2026-03-02T09:15:10Z');
    assert.equal(row.lastTermination?.finishedAt, '2026-03-02T09:15:00.250Z');
    const event = toEventRow({ eventTime: new Date('2026-03-02T09:45:10.118Z'), reason: 'Scheduled' });
    assert.equal(event.firstSeen, '2026-03-02T09:45:10.118Z');
  });
});

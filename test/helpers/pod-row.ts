import type { PodRow } from '../../lib/models/types';

/** A running, ready pod of Deployment web (ReplicaSet web-aaa) as the live stream carries it; `over` changes it. */
export function podRow(name: string, over: Partial<PodRow> = {}): PodRow {
  return {
    uid: `uid-${name}`,
    name,
    namespace: 'demo',
    resourceVersion: '1',
    createdAt: '2026-01-01T10:00:00Z',
    labels: {},
    owner: 'web-aaa',
    podTemplateHash: 'aaa',
    phase: 'Running',
    status: 'Running',
    ready: true,
    readyContainers: 1,
    totalContainers: 1,
    restarts: 0,
    lastTermination: null,
    node: 'node-1',
    ip: '10.0.0.1',
    deleting: false,
    readySince: null,
    startedAt: null,
    containers: [],
    ports: [8080],
    requests: { cpuMilli: 100, memoryBytes: null },
    ...over,
  };
}

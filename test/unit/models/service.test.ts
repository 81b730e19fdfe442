import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toServiceSummary, type RawService } from '../../../lib/models/service';
import list from '../../fixtures/k8s/services.json' with { type: 'json' };

describe('toServiceSummary', () => {
  // TypeScript widens a heterogeneous JSON array into a union it cannot check against Record<>
  const items = list.items as RawService[];
  const byName = new Map(items.map((raw) => [raw.metadata?.name, toServiceSummary(raw)]));

  it('reads selector, ports and cluster IP of a canary Service (story 003)', () => {
    const svc = byName.get('dummy-api-service');
    assert.deepEqual(svc?.selector, { app: 'api-label' });
    assert.deepEqual(svc?.ports, [{ name: null, port: 8081, targetPort: '3894', protocol: 'TCP' }]);
    assert.equal(svc?.type, 'ClusterIP');
    assert.equal(svc?.clusterIP, '10.96.88.10');
    assert.equal(svc?.uid, '6f708192-a3b4-4c5d-8e6f-7a8b9c0d1e2f');
  });

  it('keeps named target ports and the NodePort type (story 000)', () => {
    const svc = byName.get('echo');
    assert.equal(svc?.type, 'NodePort');
    assert.deepEqual(svc?.ports, [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
  });

  it('shows a headless Service as clusterIP None', () => {
    assert.equal(byName.get('echo-headless')?.clusterIP, 'None');
  });

  it('defaults targetPort to port, type to ClusterIP, selector to none', () => {
    const svc = toServiceSummary({ metadata: { name: 'external' }, spec: { ports: [{ port: 5432 }] } });
    assert.deepEqual(svc.ports, [{ name: null, port: 5432, targetPort: '5432', protocol: 'TCP' }]);
    assert.equal(svc.type, 'ClusterIP');
    assert.deepEqual(svc.selector, {});
    assert.equal(svc.clusterIP, null);
  });
});

// Every manifest we ship passes a server-side dry run against the real API server: the demo stories
// (demo/manifests/stories/*) and Podium's own in-cluster manifests (deploy/manifests).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, kubectl, testNamespace } from '../helpers/cluster';

const ns = testNamespace('manifests');
const stories = readdirSync(join(ROOT, 'demo/manifests/stories'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

describe('manifests, server-side dry run', () => {
  for (const story of stories) {
    it(`demo story ${story}`, async () => {
      const out = await kubectl([
        '-n',
        ns.name,
        'apply',
        '--dry-run=server',
        '-k',
        join(ROOT, 'demo/manifests/stories', story),
      ]);
      assert.match(out, /\(server dry run\)/);
    });
  }

  it('deploy/manifests/podium.yaml (namespace, RBAC, Deployment, Service)', async () => {
    const created = await kubectl(['create', 'namespace', 'podium']).then(
      () => true,
      () => false,
    );
    try {
      const out = await kubectl([
        'apply',
        '--dry-run=server',
        '-f',
        join(ROOT, 'deploy/manifests/podium.yaml'),
      ]);
      for (const kind of [
        'serviceaccount/podium',
        'clusterrole.rbac.authorization.k8s.io/podium-viewer',
        'deployment.apps/podium',
        'service/podium',
      ]) {
        assert.match(out, new RegExp(`${kind.replace(/\./g, '\\.')} .*\\(server dry run\\)`));
      }
    } finally {
      if (created) await kubectl(['delete', 'namespace', 'podium', '--wait=false']);
    }
  });
});

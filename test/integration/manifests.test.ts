// Every demo story (demo/manifests/stories/*) passes a server-side dry run against the real API
// server. Podium's own install (deploy/helm, deploy/kustomize): deploy-chart.test.ts.
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
});

// deploy/kustomize is rendered from the Helm chart by scripts/render-deploy.sh (one source of
// truth). These fail when the chart changed and nobody re-rendered, or when a rendered role grants
// what Podium must never have. The integration test deploy-chart.test.ts repeats the comparison
// with the Helm that scripts/test.sh always builds.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { readTree } from '../../helpers/files';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DIR = join(ROOT, 'deploy/kustomize');
const RERUN = 'out of date: run scripts/render-deploy.sh and commit deploy/kustomize';

/** The Helm the script uses: $HELM, else the one scripts/cluster/helm.sh has built for today's module. */
function findHelm(): string | null {
  if (process.env.HELM && existsSync(process.env.HELM)) return process.env.HELM;
  try {
    const path = execFileSync('bash', [join(ROOT, 'scripts/cluster/helm.sh'), '--if-built'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return path || null;
  } catch {
    return null; // not built yet
  }
}
const helm = findHelm();

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
type Obj = { kind: string; metadata: { name: string }; rules?: Rule[] };

describe('deploy/kustomize', () => {
  const all = readTree(DIR);

  it('each overlay lists the base and its own files, each of which exists', () => {
    for (const dir of ['base', 'overlays/read-only', 'overlays/operator']) {
      const k = parse(all[`${dir}/kustomization.yaml`] ?? '') as { resources: string[] };
      assert.ok(k?.resources?.length, `${dir}/kustomization.yaml`);
      for (const r of k.resources) {
        if (r === '../../base') assert.notEqual(dir, 'base');
        else assert.ok(all[`${dir}/${r}`], `${dir}: ${r} exists`);
      }
      const own = Object.keys(all).filter(
        (f) => f.startsWith(`${dir}/`) && !f.endsWith('/kustomization.yaml'),
      );
      assert.deepEqual(
        own.map((f) => f.slice(dir.length + 1)).sort(),
        k.resources.filter((r) => r !== '../../base').sort(),
      );
    }
  });

  it('no role grants secrets, exec or "*"; only the operator overlay has the operator role', () => {
    for (const [file, text] of Object.entries(all)) {
      for (const doc of parseAllDocuments(text)) {
        const o = doc.toJS() as Obj | null;
        for (const r of o?.rules ?? []) {
          assert.ok(!r.resources.includes('secrets'), `${file}: secrets`);
          assert.ok(!r.resources.some((x) => x.endsWith('/exec')), `${file}: exec`);
          assert.ok(![...r.verbs, ...r.resources, ...r.apiGroups].includes('*'), `${file}: *`);
        }
        if (o?.kind === 'ClusterRole' && o.metadata.name.endsWith('-operator')) {
          assert.ok(file.startsWith('overlays/operator/'), file);
        }
      }
    }
  });

  it(
    'is what scripts/render-deploy.sh makes of the chart today',
    {
      skip: helm
        ? false
        : 'no helm binary (bash scripts/cluster/helm.sh, or set HELM): cannot re-render to compare',
    },
    () => {
      const out = mkdtempSync(join(tmpdir(), 'podium-kustomize-'));
      try {
        execFileSync('bash', [join(ROOT, 'scripts/render-deploy.sh'), out], {
          env: { ...process.env, HELM: helm! },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        assert.deepEqual(all, readTree(out), RERUN);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
  );
});

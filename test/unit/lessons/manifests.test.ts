// The set-up route applies lib/lessons/manifests/bundle.ts, rendered from the stories'
// kustomizations by scripts/render-lessons.sh. These fail when a story changed and nobody ran it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LESSON_MANIFESTS } from '../../../lib/lessons/manifests/bundle';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const OUT = join(ROOT, 'lib/lessons/manifests');
const ids = (
  JSON.parse(readFileSync(join(ROOT, 'demo/manifests/stories/index.json'), 'utf8')) as { id: string }[]
).map((s) => s.id);
const RERUN = 'out of date: run scripts/render-lessons.sh and commit lib/lessons/manifests/';

/** The kubectl the script uses: $KUBECTL, else the local cluster's build (a pinned version). */
function findKubectl(): string | null {
  if (process.env.KUBECTL && existsSync(process.env.KUBECTL)) return process.env.KUBECTL;
  const cache = join(process.env.PODIUM_CACHE_DIR ?? join(homedir(), '.cache', 'podium'), 'cluster');
  const built = existsSync(cache)
    ? readdirSync(cache)
        .filter((d) => d.startsWith('bin-') && !d.endsWith('.tmp'))
        .map((d) => join(cache, d, 'kubectl'))
        .filter((p) => existsSync(p))
    : [];
  return built[0] ?? null;
}
const kubectl = findKubectl();

describe('rendered lesson manifests', () => {
  it('one file per story, and the bundle holds exactly those files', () => {
    assert.deepEqual(Object.keys(LESSON_MANIFESTS).sort(), [...ids].sort(), RERUN);
    for (const id of ids) {
      assert.equal(
        LESSON_MANIFESTS[id],
        readFileSync(join(OUT, `${id}.yaml`), 'utf8'),
        `bundle.ts vs ${id}.yaml ${RERUN}`,
      );
    }
  });

  it(
    'each file is what kubectl kustomize makes of its story today',
    {
      skip: kubectl
        ? false
        : 'no kubectl binary (npm run cluster:build, or set KUBECTL): cannot re-render the stories to compare',
    },
    () => {
      for (const id of ids) {
        const rendered = execFileSync(kubectl!, ['kustomize', join(ROOT, 'demo/manifests/stories', id)], {
          encoding: 'utf8',
        });
        const file = readFileSync(join(OUT, `${id}.yaml`), 'utf8');
        const body = file.slice(file.indexOf('\n') + 1); // after the "# Rendered by" line
        assert.equal(body, rendered, `${id}.yaml ${RERUN}`);
      }
    },
  );
});

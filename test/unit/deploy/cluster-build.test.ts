// The cluster build's progress (scripts/cluster/build.sh around build-steps.sh): the packages it counts
// are those build-steps.sh builds, and its progress line says what a newcomer needs to know.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const CLUSTER = join(import.meta.dirname, '..', '..', '..', 'scripts/cluster');
const read = (file: string) => readFileSync(join(CLUSTER, file), 'utf8');

/** `dir tags packages…` of every `go build` in build-steps.sh, its line continuations joined. */
function builtTargets(): string[] {
  const text = read('build-steps.sh').replace(/\\\n\s*/g, ' ');
  return [...text.matchAll(/\(cd "\$here\/tools\/([\w-]+)" && go build ([^)]*)\)/g)].map(([, dir, args]) => {
    const tags = /-tags=(\S+)/.exec(args!)?.[1] ?? '-';
    const packages = args!
      .split(/\s+/)
      .filter((w) => /^[a-z0-9.-]+\.[a-z]+\/\S+$/.test(w) && !w.includes('.gitVersion'));
    return [dir, tags, ...packages].join(' ');
  });
}

/** The table build.sh counts packages from. */
function countedTargets(): string[] {
  const table = /<<'EOF'\n([\s\S]*?)\nEOF/.exec(read('build.sh'))?.[1] ?? '';
  return table.split('\n').map((l) => l.trim().split(/\s+/).join(' '));
}

const progress = (...args: (string | number)[]) =>
  execFileSync(
    'bash',
    ['-c', `source "${CLUSTER}/lib.sh"; build_progress_line "$@"`, '_', ...args.map(String)],
    {
      encoding: 'utf8',
    },
  );

describe('the cluster build shows its progress', () => {
  it('counts the packages of exactly the targets build-steps.sh builds', () => {
    const built = builtTargets();
    assert.equal(built.length, 4);
    assert.deepEqual(countedTargets(), built);
  });

  it('a line: the step, packages built of the total, the time spent and an estimate', () => {
    assert.equal(
      progress('4/4 kube-apiserver', 1234, 5624, 370),
      'step 4/4 kube-apiserver: 1234 of 5624 packages built (21 %), 6 min 10 s so far, about 21 min 56 s left',
    );
  });

  it('no estimate before the total is known or 5 % is done; "linking" once every package is', () => {
    assert.equal(
      progress('1/4 etcd', 10, 0, 31),
      'step 1/4 etcd: 10 packages built, 31 s so far, estimating',
    );
    assert.equal(
      progress('1/4 etcd', 100, 5624, 40),
      'step 1/4 etcd: 100 of 5624 packages built (1 %), 40 s so far, estimating',
    );
    assert.equal(
      progress('4/4 kube-apiserver', 6000, 5624, 900),
      'step 4/4 kube-apiserver: all 5624 packages built, 15 min 0 s so far, linking',
    );
  });
});

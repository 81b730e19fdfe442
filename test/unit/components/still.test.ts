// What shows pods and replicas never moves for long: no endless animation (a pulsing 8 px dot had
// the compositor draw 60 frames a second, 59 ms of compositor and 32 ms of display compositor per
// second in one tab, for as long as a pod started) and no transition longer than 300 ms
// (docs/performance.md, "What is in view first, and frames nobody asked for"); a tile's only
// transition is its entry.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const out = execFileSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'still.run.tsx')], {
  encoding: 'utf8',
  env: { ...process.env, NODE_OPTIONS: '' },
});
const markup = JSON.parse(out.trim().split('\n').at(-1)!) as Record<'tiles' | 'slots' | 'progress', string>;

describe('pod tiles, replica slots and progress bars', () => {
  it('render each state', () => {
    for (const look of ['ready', 'starting', 'failing', 'terminating', 'done'])
      assert.match(markup.tiles, new RegExp(`data-pod="web-${look}"`));
    for (const state of ['running', 'adding', 'removing', 'free'])
      assert.match(markup.slots, new RegExp(`data-state="${state}"`));
    assert.match(markup.progress, /role="progressbar"/);
  });

  for (const part of ['tiles', 'slots', 'progress'] as const) {
    it(`${part}: no endless animation, no transition over 300 ms, no colour transition`, () => {
      const html = markup[part];
      assert.doesNotMatch(html, /\banimate-/);
      const durations = [...html.matchAll(/\bduration-(\d+)/g)].map((m) => Number(m[1]));
      assert.ok(
        durations.every((d) => d <= 300),
        `durations ${durations.join(', ')} ms`,
      );
      assert.doesNotMatch(html, /\btransition-colors\b|\btransition-\[(?:[^\]]*)color/);
    });
  }

  // a fade beside the scale-in, and one at termination, cost a tab ~60 ms of CPU a scale round
  // (docs/performance.md, "A pod's entry, the one thing that moves")
  it('tiles: only the entry moves (a scale-in); a new look, terminating included, is instant', () => {
    const transitions = [...markup.tiles.matchAll(/\btransition(?:-\[[^\]]*\]|-[a-z]+)?(?=[\s"])/g)].map(
      (m) => m[0],
    );
    assert.ok(transitions.length > 0, 'the tiles have their scale-in');
    assert.ok(
      transitions.every((t) => t === 'transition-[scale]'),
      `tile transitions: ${[...new Set(transitions)].join(', ')}`,
    );
    assert.match(markup.tiles, /data-pod="web-terminating"[^>]*class="[^"]*\bopacity-50\b/);
  });
});

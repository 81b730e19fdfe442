// Run by relative-time-renders.test.ts in a child process (React's hooks need the default export
// conditions). Mounts three live relative times on a mocked clock, one 5 s old, one 10 min old and
// one 5 s old in a block the browser skips drawing (OffscreenContext), lets a minute pass in 1 s
// ticks, brings the skipped one back in view, and prints how many times each rendered and what it
// showed.
import { mock } from 'node:test';
import { act, createElement as h, Fragment } from 'react';
import { createRoot } from 'react-dom/client';
import { OffscreenContext } from '../../../components/ui/offscreen';
import { useRelativeText } from '../../../components/ui/relative-time';
import { installFakeDom } from '../hooks/fake-dom';

const START = Date.parse('2026-12-04T12:00:30Z');
mock.timers.enable({ apis: ['setInterval', 'Date'], now: START });

type Which = 'young' | 'old' | 'skipped';
const counts = { young: 0, old: 0, skipped: 0 };
const shown = { young: '', old: '', skipped: '' };
const rendered = (which: Which, text: string) => {
  counts[which]++;
  shown[which] = text;
};
function Clock({ which, iso }: { which: Which; iso: string }) {
  rendered(which, useRelativeText(iso, true, undefined));
  return null;
}

const page = (offscreen: boolean) =>
  h(
    Fragment,
    null,
    h(Clock, { which: 'young', iso: new Date(START - 5_000).toISOString() }),
    h(Clock, { which: 'old', iso: new Date(START - 600_000).toISOString() }),
    h(
      OffscreenContext,
      { value: offscreen },
      h(Clock, { which: 'skipped', iso: new Date(START - 5_000).toISOString() }),
    ),
  );
const root = createRoot(installFakeDom());
await act(async () => root.render(page(true)));
const first = { ...shown };
const before = { ...counts };
for (let s = 0; s < 60; s++) await act(async () => mock.timers.tick(1_000));
const renders = {
  young: counts.young - before.young,
  old: counts.old - before.old,
  skipped: counts.skipped - before.skipped,
};
const whileSkipped = shown.skipped;
// the block comes near the viewport: its clock shows the time now at once
await act(async () => root.render(page(false)));
const cameBack = shown.skipped;
await act(async () => root.unmount());
mock.timers.reset();
console.log(JSON.stringify({ first, last: shown, renders, whileSkipped, cameBack }));

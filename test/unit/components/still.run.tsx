// Run by still.test.ts in a child process (react-dom/server needs the default export conditions).
// Renders a pod tile in each of its looks, the replica slots with every slot state, and a progress
// bar, and prints the markup.
import { createElement as h } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { PodTile } from '../../../components/pods/pod-tile';
import { ReplicaSlots } from '../../../components/scaling/replica-slots';
import { Progress } from '../../../components/ui/progress';
import { podRow } from '../../helpers/pod-row';

const pod = podRow;

const tiles = [
  pod('web-ready', {}),
  pod('web-starting', { status: 'ContainerCreating', phase: 'Pending', ready: false }),
  pod('web-failing', { status: 'CrashLoopBackOff', ready: false, restarts: 3 }),
  pod('web-terminating', { deleting: true }),
  pod('web-done', { status: 'Completed', ready: false }),
].map((p) =>
  h(PodTile, { key: p.name, pod: p, usage: undefined, cause: null, selected: false, onSelect: undefined }),
);

console.log(
  JSON.stringify({
    tiles: renderToStaticMarkup(h('div', null, ...tiles)),
    slots:
      renderToStaticMarkup(h(ReplicaSlots, { min: 1, max: 6, current: 4, desired: 2 })) +
      renderToStaticMarkup(h(ReplicaSlots, { min: 1, max: 6, current: 2, desired: 4 })),
    progress: renderToStaticMarkup(h(Progress, { value: 2, max: 4, label: '2 of 4' })),
  }),
);

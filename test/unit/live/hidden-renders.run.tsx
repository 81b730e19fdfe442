// Run by hidden-renders.test.ts in a child process (React's hooks need the default export
// conditions). Mounts the real LiveProvider over a fake EventSource, hides the tab, sends five
// batches of changes, shows the tab again, and prints how often the pod list rendered in each phase
// and whether the SWR cache was current while hidden. A control without the provider's <Activity>
// (the bare live hook) counts what a hidden tab rendered before.
import { PathnameContext } from 'next/dist/shared/lib/hooks-client-context.shared-runtime';
import { act, createElement as h, Fragment, memo, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { SWRConfig, type Cache } from 'swr';
import { LiveProvider } from '../../../components/live/live-provider';
import { liveKey } from '../../../lib/api/keys';
import { useKind } from '../../../lib/hooks/use-live';
import { useLiveStream } from '../../../lib/hooks/use-live-stream';
import { streamScopeUrl } from '../../../lib/models/stream-scope';
import type { KindState } from '../../../lib/models/reducer';
import type { PodRow } from '../../../lib/models/types';
import { installFakeDom } from '../hooks/fake-dom';
import { FakeSource, pods } from './fakes';

const sources = new Map<string, FakeSource>();
(globalThis as unknown as { EventSource: unknown }).EventSource = class extends FakeSource {
  constructor(url: string) {
    super(url);
    sources.set(url, this);
  }
};

const container = installFakeDom();
const doc = (globalThis as unknown as { document: Record<string, unknown> }).document;
const visibility = new Set<() => void>();
let state: 'visible' | 'hidden' = 'visible';
Object.defineProperty(doc, 'visibilityState', { get: () => state });
doc.addEventListener = (type: string, fn: () => void) => type === 'visibilitychange' && visibility.add(fn);
doc.removeEventListener = (type: string, fn: () => void) => visibility.delete(fn);
const setVisibility = (next: 'visible' | 'hidden') => {
  state = next;
  for (const fn of visibility) fn();
};

const counts = { provided: { list: 0, rows: 0 }, bare: { list: 0, rows: 0 } };
type Which = keyof typeof counts;
const Row = memo(function Row({ pod, which }: { pod: PodRow; which: Which }) {
  counts[which].rows++;
  return pod.name ? null : null;
});
function Pods({ namespace, which }: { namespace: string; which: Which }) {
  const list = useKind(namespace, 'pods');
  // eslint-disable-next-line react-hooks/immutability -- counting renders is what this test is for
  counts[which].list++;
  return h(Fragment, null, ...(list ?? []).map((pod) => h(Row, { key: pod.uid, pod, which })));
}
function Bare({ children }: { children: ReactNode }) {
  useLiveStream('bare', streamScopeUrl({ namespace: 'bare' }));
  return children;
}

const cache = new Map() as unknown as Cache;
const root = createRoot(container);
await act(async () =>
  root.render(
    h(
      SWRConfig,
      { value: { provider: () => cache } },
      // the provider sizes its stream by the page's path (usePathname), as under Next's router
      h(
        PathnameContext.Provider,
        { value: '/ns/provided' },
        h(LiveProvider, {
          namespace: 'provided',
          children: h(Pods, { namespace: 'provided', which: 'provided' }),
        }),
      ),
      h(Bare, null, h(Pods, { namespace: 'bare', which: 'bare' })),
    ),
  ),
);

const snap = (namespace: string, items: PodRow[]) => ({ kind: 'pods' as const, namespace, items });
/** Each step in its own act, as batches arrive in their own tasks (200 ms apart on the server). */
const phase = async (...steps: (() => void)[]) => {
  const before = structuredClone(counts);
  for (const step of steps) await act(async () => step());
  const diff = (w: Which) => ({
    list: counts[w].list - before[w].list,
    rows: counts[w].rows - before[w].rows,
  });
  return { provided: diff('provided'), bare: diff('bare') };
};
const everySource = (f: (s: FakeSource, namespace: string) => void) => {
  for (const [url, s] of sources) f(s, new URL(url, 'http://x').searchParams.get('namespace')!);
};

const first = await phase(() => everySource((s, ns) => s.emit('snapshot', snap(ns, pods))));
await act(async () => setVisibility('hidden'));
const batch = (i: number) => () =>
  everySource((s) =>
    s.emit('changes', [
      {
        kind: 'pods',
        type: 'MODIFIED',
        object: { ...pods[0]!, resourceVersion: `r${i}`, restarts: 100 + i },
      },
    ]),
  );
const hidden = await phase(batch(1), batch(2), batch(3), batch(4), batch(5));
const held = cache.get(liveKey('provided', 'pods'))?.data as KindState<PodRow> | undefined;
const cacheWhileHidden = held?.byUid.get(pods[0]!.uid)?.restarts ?? null;
const shown = await phase(() => setVisibility('visible'));
await act(async () => root.unmount());
console.log(JSON.stringify({ first, hidden, cacheWhileHidden, shown }));

// Run by relist-renders.test.ts in a child process without the react-server condition (the unit
// runner sets it for server-only modules, and it leaves React without hooks). Mounts the real
// useLiveStream and useKind with a fake EventSource, sends a snapshot, an identical relist and a
// relist with one pod changed, and prints how many times the list and each pod row rendered.
import { act, createElement as h, Fragment, memo } from 'react';
import { createRoot } from 'react-dom/client';
import { SWRConfig } from 'swr';
import { useKind } from '../../../lib/hooks/use-live';
import { useLiveStream } from '../../../lib/hooks/use-live-stream';
import { streamScopeUrl } from '../../../lib/models/stream-scope';
import { toPodRow, type RawPod } from '../../../lib/models/pod';
import type { PodRow } from '../../../lib/models/types';
import crashloop from '../../fixtures/k8s/pod-echo-crashloop.json' with { type: 'json' };
import creating from '../../fixtures/k8s/pod-echo-creating.json' with { type: 'json' };
import restarted from '../../fixtures/k8s/pod-echo-restarted.json' with { type: 'json' };
import { installFakeDom } from './fake-dom';

type Listener = (e: { data: string }) => void;
class FakeEventSource {
  static last: FakeEventSource | null = null;
  listeners = new Map<string, Listener[]>();
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(event: string, listener: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  close() {}
  /** as the server sends it: JSON text, parsed afresh by the hook (new objects every time) */
  emit(event: string, data: unknown) {
    for (const l of this.listeners.get(event) ?? []) l({ data: JSON.stringify(data) });
  }
}
(globalThis as unknown as { EventSource: unknown }).EventSource = FakeEventSource;

const counts = { list: 0, rows: 0 };
const Row = memo(function Row({ pod }: { pod: PodRow }) {
  counts.rows++;
  return pod.name ? null : null;
});
function Pods() {
  useLiveStream('demo', streamScopeUrl({ namespace: 'demo' }));
  const pods = useKind('demo', 'pods');
  // eslint-disable-next-line react-hooks/immutability -- counting renders is what this test is for
  counts.list++;
  return h(Fragment, null, ...(pods ?? []).map((pod) => h(Row, { key: pod.uid, pod })));
}

const container = installFakeDom();
const root = createRoot(container);
await act(async () => root.render(h(SWRConfig, { value: { provider: () => new Map() } }, h(Pods))));
const source = FakeEventSource.last!;
const pods = [restarted, crashloop, creating].map((p) => toPodRow(p as RawPod));
const snapshot = (items: PodRow[]) => ({ kind: 'pods', namespace: 'demo', items });

const step = async (items: PodRow[]) => {
  const before = { ...counts };
  await act(async () => source.emit('snapshot', snapshot(items)));
  return { list: counts.list - before.list, rows: counts.rows - before.rows };
};
const first = await step(pods);
const identical = await step(pods);
const oneChanged = await step(
  pods.map((p, i) =>
    i === 0 ? { ...p, resourceVersion: `${p.resourceVersion}1`, restarts: p.restarts + 1 } : p,
  ),
);
await act(async () => root.unmount());
console.log(JSON.stringify({ pods: pods.length, first, identical, oneChanged }));

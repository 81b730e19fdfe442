// Run by permissions-fetches.test.ts in a child process (React's hooks need the default export
// conditions). Mounts one consumer of usePermissions (a pod's action buttons), lets its answer
// arrive, then mounts three more (the pods that appear in a scale 1 → 4) and prints how many
// times the page asked the server. SWR's 2 s dedupe is switched off, so a revalidation on mount
// would show at once instead of after two seconds.
import { act, createElement as h, Fragment } from 'react';
import { createRoot } from 'react-dom/client';
import { SWRConfig } from 'swr';
import { usePermissions } from '../../../lib/hooks/use-permissions';
import { installFakeDom } from './fake-dom';

let asked = 0;
globalThis.fetch = (async () => {
  asked++;
  return new Response(
    JSON.stringify({ actions: { scale: { allowed: true, reason: null } }, logs: 'allowed' }),
    {
      status: 200,
      headers: { 'content-type': 'application/json' },
    },
  );
}) as typeof fetch;

function Actions() {
  usePermissions('demo');
  return null;
}
function Pods({ count }: { count: number }) {
  return h(Fragment, null, ...Array.from({ length: count }, (_, i) => h(Actions, { key: i })));
}
const config = { provider: () => new Map(), dedupingInterval: 0 };
const page = (count: number) => h(SWRConfig, { value: config }, h(Pods, { count }));

const root = createRoot(installFakeDom());
const tick = () => new Promise((r) => setTimeout(r, 50));
await act(async () => root.render(page(1)));
await act(tick);
const first = asked;
await act(async () => root.render(page(4)));
await act(tick);
await act(async () => root.unmount());
console.log(JSON.stringify({ first, after: asked }));

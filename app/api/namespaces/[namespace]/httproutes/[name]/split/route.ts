import { requireTraffic } from '@/lib/k8s/traffic/access';
import { currentRun } from '@/lib/k8s/traffic/runs';
import { routeRunKey, startRouteSplit } from '@/lib/k8s/traffic/split';
import { actionRoute } from '@/lib/routes/guard';
import { objectParams, routeSplitBody } from '@/lib/routes/traffic-schemas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * POST {rule?, samples?, path?}: sample the route's split through the gateway's entry
 * (PODIUM_GATEWAY_URL) with its Host header; answers when the sample is complete (at most 60 s),
 * progress goes to the live stream meanwhile, keyed httproute/{name}.
 */
export const POST = actionRoute({
  action: 'route-split-sample',
  params: objectParams,
  target: (p) => `httproute/${p.name}`,
  body: () => routeSplitBody,
  emptyBodyOk: true,
  run: async ({ params: { namespace, name }, body }) => {
    await requireTraffic(namespace, 'traffic');
    const { run, joined, done } = await startRouteSplit({ namespace, route: name, ...body });
    await done;
    const final = currentRun(namespace, 'split', routeRunKey(name))?.snapshot() ?? run;
    const summary =
      final.kind === 'split'
        ? `${final.answered}/${final.requested} answered through the gateway: ${final.shares.map((s) => `${s.deployment} ${Math.round(s.measured * 100)} %`).join(', ')}`
        : '';
    return { data: { joined, run: final }, detail: joined ? 'joined the running sample' : summary };
  },
});

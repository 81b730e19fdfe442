import { requireTraffic } from '@/lib/k8s/traffic/access';
import { currentRun } from '@/lib/k8s/traffic/runs';
import { startSplit } from '@/lib/k8s/traffic/split';
import { actionRoute } from '@/lib/routes/guard';
import { serviceParams, splitBody } from '@/lib/routes/traffic-schemas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * POST {samples?, path?, port?}: sample the Service's split; answers when the sample is complete
 * (at most 60 s), progress goes to the live stream meanwhile.
 */
export const POST = actionRoute({
  action: 'split-sample',
  params: serviceParams,
  target: (p) => `service/${p.service}`,
  body: () => splitBody,
  emptyBodyOk: true,
  run: async ({ params: { namespace, service }, body }) => {
    await requireTraffic(namespace, 'traffic');
    const { run, joined, done } = await startSplit({ namespace, service, ...body });
    await done;
    const final = currentRun(namespace, 'split', service)?.snapshot() ?? run;
    const summary =
      final.kind === 'split'
        ? `${final.answered}/${final.requested} answered: ${final.shares.map((s) => `${s.deployment} ${Math.round(s.measured * 100)} %`).join(', ')}`
        : '';
    return { data: { joined, run: final }, detail: joined ? 'joined the running sample' : summary };
  },
});

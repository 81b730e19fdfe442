import { requireTraffic } from '@/lib/k8s/traffic/access';
import { startProbe } from '@/lib/k8s/traffic/probe';
import { stopRun } from '@/lib/k8s/traffic/runs';
import { actionRoute } from '@/lib/routes/guard';
import { probeBody, serviceParams } from '@/lib/routes/traffic-schemas';
import { withoutSeries } from '@/lib/routes/traffic-answers';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** POST {path?, port?, intervalMs?, durationSeconds?}: start the availability probe (or join the running one). */
export const POST = actionRoute({
  action: 'probe-start',
  params: serviceParams,
  target: (p) => `service/${p.service}`,
  body: () => probeBody,
  emptyBodyOk: true,
  run: async ({ params: { namespace, service }, body }) => {
    await requireTraffic(namespace, 'traffic');
    const { run, joined } = await startProbe({ namespace, service, ...body });
    return {
      data: { joined, run: withoutSeries(run) },
      detail: joined
        ? 'joined the running probe'
        : `GET ${run.path} every ${body.intervalMs} ms for at most ${body.durationSeconds} s (${run.transport})`,
    };
  },
});

/** DELETE: stop the Service's availability probe. */
export const DELETE = actionRoute({
  action: 'probe-stop',
  params: serviceParams,
  target: (p) => `service/${p.service}`,
  run: async ({ params: { namespace, service } }) => {
    const h = stopRun(namespace, 'probe', service, 'stopped by a viewer');
    await h?.done;
    return { data: { stopped: h !== null }, detail: h ? 'stopped' : 'no probe was running' };
  },
});

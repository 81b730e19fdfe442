import { requireTraffic } from '@/lib/k8s/traffic/access';
import { startLoad } from '@/lib/k8s/traffic/load';
import { stopRun } from '@/lib/k8s/traffic/runs';
import { actionRoute } from '@/lib/routes/guard';
import { loadBody, serviceParams } from '@/lib/routes/traffic-schemas';
import { withoutSeries } from '@/lib/routes/traffic-answers';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** POST {path, concurrency?, rate?, durationSeconds?, keepAlive?, port?}: start a load run (or join the running one). */
export const POST = actionRoute({
  action: 'load-start',
  params: serviceParams,
  target: (p) => `service/${p.service}`,
  body: () => loadBody,
  run: async ({ params: { namespace, service }, body }) => {
    await requireTraffic(namespace, 'traffic');
    const { run, joined } = await startLoad({ namespace, service, ...body });
    const rate = body.rate === null ? 'no rate limit' : `${body.rate}/s`;
    return {
      data: { joined, run: withoutSeries(run) },
      detail: joined
        ? 'joined the running load'
        : `GET ${run.path}, ${body.concurrency} in flight, ${rate}, ${body.durationSeconds} s (${run.transport})`,
    };
  },
});

/** DELETE: stop the Service's load run. */
export const DELETE = actionRoute({
  action: 'load-stop',
  params: serviceParams,
  target: (p) => `service/${p.service}`,
  run: async ({ params: { namespace, service } }) => {
    const h = stopRun(namespace, 'load', service, 'stopped by a viewer');
    await h?.done;
    return { data: { stopped: h !== null }, detail: h ? 'stopped' : 'no load was running' };
  },
});

import { requireTraffic } from '@/lib/k8s/traffic/access';
import { stopRun } from '@/lib/k8s/traffic/runs';
import { startWsLoad } from '@/lib/k8s/traffic/ws-load';
import { actionRoute } from '@/lib/routes/guard';
import { serviceParams, wsBody } from '@/lib/routes/traffic-schemas';
import { withoutSeries } from '@/lib/routes/traffic-answers';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** POST {path?, clients?, messages?, pauseMs?, durationSeconds?, port?}: start a WebSocket load (or join the running one). */
export const POST = actionRoute({
  action: 'ws-start',
  params: serviceParams,
  target: (p) => `service/${p.service}`,
  body: () => wsBody,
  emptyBodyOk: true,
  run: async ({ params: { namespace, service }, body }) => {
    await requireTraffic(namespace, 'traffic');
    const { run, joined } = await startWsLoad({ namespace, service, ...body });
    const pause = body.pauseMs > 0 ? `, ${body.pauseMs} ms apart` : '';
    return {
      data: { joined, run: withoutSeries(run) },
      detail: joined
        ? 'joined the running WebSocket load'
        : `WebSocket ${run.path}, ${body.clients} clients × ${body.messages} messages${pause}, ≤ ${body.durationSeconds} s (${run.transport})`,
    };
  },
});

/** DELETE: stop the Service's WebSocket load; resolves once every client is closed. */
export const DELETE = actionRoute({
  action: 'ws-stop',
  params: serviceParams,
  target: (p) => `service/${p.service}`,
  run: async ({ params: { namespace, service } }) => {
    const h = stopRun(namespace, 'ws', service, 'stopped by a viewer');
    await h?.done;
    return { data: { stopped: h !== null }, detail: h ? 'stopped' : 'no WebSocket load was running' };
  },
});

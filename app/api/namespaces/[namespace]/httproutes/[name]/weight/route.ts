import { setHttpRouteWeight } from '@/lib/k8s/canary';
import { requireTraffic } from '@/lib/k8s/traffic/access';
import { actionRoute } from '@/lib/routes/guard';
import { httpRouteWeightBody, objectParams } from '@/lib/routes/traffic-schemas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** PATCH {rule, backend, weight}: one backendRef weight of an HTTPRoute. */
export const PATCH = actionRoute({
  action: 'httproute-weight',
  params: objectParams,
  target: (p) => `httproute/${p.name}`,
  body: () => httpRouteWeightBody,
  run: async ({ params: { namespace, name }, body }) => {
    await requireTraffic(namespace, 'httpRouteWeight');
    const { previous, backendName } = await setHttpRouteWeight(
      namespace,
      name,
      body.rule,
      body.backend,
      body.weight,
    );
    return {
      data: { weight: body.weight, previous },
      detail: `rule ${body.rule} backend ${backendName}: weight ${previous} → ${body.weight}`,
    };
  },
});

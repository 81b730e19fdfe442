import { setIngressCanaryWeight } from '@/lib/k8s/canary';
import { requireTraffic } from '@/lib/k8s/traffic/access';
import { actionRoute } from '@/lib/routes/guard';
import { ingressWeightBody, objectParams } from '@/lib/routes/traffic-schemas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** PATCH {weight}: the ingress-nginx canary-weight of a canary Ingress. */
export const PATCH = actionRoute({
  action: 'ingress-canary-weight',
  params: objectParams,
  target: (p) => `ingress/${p.name}`,
  body: () => ingressWeightBody,
  run: async ({ params: { namespace, name }, body }) => {
    await requireTraffic(namespace, 'ingressWeight');
    const { previous, total } = await setIngressCanaryWeight(namespace, name, body.weight);
    return {
      data: { weight: body.weight, previous },
      detail: `canary-weight ${previous ?? '(none)'} → ${body.weight} of ${total}`,
    };
  },
});

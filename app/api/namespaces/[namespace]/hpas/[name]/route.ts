import { actionRoute } from '@/lib/routes/guard';
import { hpaBoundsBody, hpaParams } from '@/lib/validation';
import { setHpaBounds } from '@/lib/k8s/hpas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** PATCH {minReplicas, maxReplicas}: the autoscaler's bounds. */
export const PATCH = actionRoute({
  action: 'hpa-bounds',
  params: hpaParams,
  target: (p) => p.name,
  body: (config) => hpaBoundsBody(config.maxReplicas),
  run: async ({ params: { namespace, name }, body }) => {
    const bounds = await setHpaBounds(namespace, name, body.minReplicas, body.maxReplicas);
    return { data: bounds, detail: `min ${bounds.minReplicas}, max ${bounds.maxReplicas}` };
  },
});

import { abortCanary, promoteCanary, setRatio } from '@/lib/k8s/canary';
import { scaleDeployment } from '@/lib/k8s/deployments';
import { requireTraffic } from '@/lib/k8s/traffic/access';
import { actionRoute } from '@/lib/routes/guard';
import { canaryBody } from '@/lib/routes/traffic-schemas';
import { namespaceParams } from '@/lib/validation';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * POST {action: replicas | ratio | promote | abort, ...}: the canary actions of two plain
 * Deployments. The browser confirms first, naming what changes; the audit line says it again.
 */
export const POST = actionRoute({
  action: 'canary',
  params: namespaceParams,
  target: () => 'canary',
  body: (config) => canaryBody(config.maxReplicas),
  run: async ({ params: { namespace }, body }) => {
    await requireTraffic(namespace, 'canary');
    let changed: string[];
    switch (body.action) {
      case 'replicas':
        changed = [
          `${body.deployment} → ${(await scaleDeployment(namespace, body.deployment, body.replicas)).replicas}`,
        ];
        break;
      case 'ratio':
        changed = await setRatio(
          namespace,
          body.stable,
          body.canary,
          body.stableReplicas,
          body.canaryReplicas,
        );
        break;
      case 'promote':
        changed = await promoteCanary(namespace, body.stable, body.canary);
        break;
      case 'abort':
        changed = await abortCanary(namespace, body.canary);
        break;
    }
    return { data: { changed }, detail: `${body.action}: ${changed.join(', ')}` };
  },
});

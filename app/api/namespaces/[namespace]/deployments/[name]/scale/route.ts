import { actionRoute, Refusal } from '@/lib/routes/guard';
import { deploymentParams, scaleBody } from '@/lib/validation';
import { scaleDeployment } from '@/lib/k8s/deployments';
import { findHpaFor } from '@/lib/k8s/hpas';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** POST {replicas, force?}: scale through the scale subresource; 409 HpaManaged when an HPA would undo it. */
export const POST = actionRoute({
  action: 'scale',
  params: deploymentParams,
  target: (p) => p.name,
  body: (config) => scaleBody(config.maxReplicas),
  run: async ({ params: { namespace, name }, body }) => {
    if (!body.force) {
      const hpa = await findHpaFor(namespace, name);
      if (hpa) {
        throw new Refusal(
          409,
          'HpaManaged',
          `the HorizontalPodAutoscaler ${hpa.name} manages deployment ${name} (${hpa.minReplicas}-${hpa.maxReplicas} replicas) and will undo a manual scale: change its bounds, or scale anyway`,
        );
      }
    }
    const { replicas } = await scaleDeployment(namespace, name, body.replicas);
    return { data: { replicas }, detail: `replicas ${replicas}${body.force ? ' (forced past an HPA)' : ''}` };
  },
});

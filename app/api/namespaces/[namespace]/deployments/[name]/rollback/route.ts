import { actionRoute } from '@/lib/routes/guard';
import { deploymentParams, rollbackBody } from '@/lib/validation';
import { rollbackDeployment } from '@/lib/k8s/deployments';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** POST {revision}: `kubectl rollout undo --to-revision`. */
export const POST = actionRoute({
  action: 'rollback',
  params: deploymentParams,
  target: (p) => p.name,
  body: () => rollbackBody,
  run: async ({ params: { namespace, name }, body }) => {
    const { skipped, images } = await rollbackDeployment(namespace, name, body.revision);
    return {
      data: { revision: body.revision, skipped, images },
      detail: skipped
        ? `already at revision ${body.revision}'s template`
        : `to revision ${body.revision} (${images.join(', ')})`,
    };
  },
});

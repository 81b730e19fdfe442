import { actionRoute } from '@/lib/routes/guard';
import { deploymentParams, emptyBody } from '@/lib/validation';
import { restartDeployment } from '@/lib/k8s/deployments';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** POST (no body, or {}): `kubectl rollout restart`. */
export const POST = actionRoute({
  action: 'restart',
  params: deploymentParams,
  target: (p) => p.name,
  body: () => emptyBody,
  emptyBodyOk: true,
  run: async ({ params: { namespace, name } }) => {
    const { restartedAt } = await restartDeployment(namespace, name);
    return { data: { restartedAt }, detail: `restartedAt ${restartedAt}` };
  },
});

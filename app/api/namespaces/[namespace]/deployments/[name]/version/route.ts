import { actionRoute } from '@/lib/routes/guard';
import { deploymentParams, versionBody } from '@/lib/validation';
import { setVersionEnv } from '@/lib/k8s/deployments';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** POST {container, value}: set the env var named by podium.dev/version-env (a rolling update). */
export const POST = actionRoute({
  action: 'set-version',
  params: deploymentParams,
  target: (p) => p.name,
  body: () => versionBody,
  run: async ({ params: { namespace, name }, body }) => {
    const { env, previous } = await setVersionEnv(namespace, name, body.container, body.value);
    return {
      data: { env, value: body.value, previous },
      detail: `container ${body.container}: ${env} ${previous ?? '(unset)'} -> ${body.value}`,
    };
  },
});

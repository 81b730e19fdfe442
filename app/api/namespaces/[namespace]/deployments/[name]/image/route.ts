import { actionRoute } from '@/lib/routes/guard';
import { deploymentParams, imageBody } from '@/lib/validation';
import { setImage } from '@/lib/k8s/deployments';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** POST {container, image}: `kubectl set image`, which starts a rolling update. */
export const POST = actionRoute({
  action: 'set-image',
  params: deploymentParams,
  target: (p) => p.name,
  body: () => imageBody,
  run: async ({ params: { namespace, name }, body }) => {
    const { previous } = await setImage(namespace, name, body.container, body.image);
    return {
      data: { image: body.image, previous },
      detail: `container ${body.container}: ${previous ?? '?'} -> ${body.image}`,
    };
  },
});

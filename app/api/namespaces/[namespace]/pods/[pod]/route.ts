import { actionRoute } from '@/lib/routes/guard';
import { podParams } from '@/lib/validation';
import { deletePod } from '@/lib/k8s/pods';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** DELETE: the pod's controller replaces it. */
export const DELETE = actionRoute({
  action: 'delete-pod',
  params: podParams,
  target: (p) => p.pod,
  run: async ({ params: { namespace, pod } }) => {
    await deletePod(namespace, pod);
    return { data: { pod }, detail: 'deleted' };
  },
});

import { actionRoute } from '@/lib/routes/guard';
import { emptyBody, endpointParams } from '@/lib/validation';
import { callPodEndpoint } from '@/lib/k8s/pods';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** POST (no body): GET one of the endpoints the pod's deployment declares, through pods/proxy. */
export const POST = actionRoute({
  action: 'call-endpoint',
  params: endpointParams,
  target: (p) => p.pod,
  body: () => emptyBody,
  emptyBodyOk: true,
  run: async ({ params: { namespace, pod, endpoint } }) => {
    const answer = await callPodEndpoint(namespace, pod, endpoint);
    return {
      data: { answer },
      detail: `${endpoint} (GET :${answer.port}${answer.path}) -> HTTP ${answer.status}`,
    };
  },
});

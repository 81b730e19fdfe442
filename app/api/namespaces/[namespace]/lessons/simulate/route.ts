import { simulate } from '@/lib/k8s/lessons';
import { requireLessonNamespace } from '@/lib/routes/lessons';
import { actionRoute } from '@/lib/routes/guard';
import { namespaceParams, simulationBody } from '@/lib/validation';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * POST {simulation: "restart", pod, reason} | {simulation: "ready", pod, ready} |
 * {simulation: "cpu", deployment, cpuMilli}: on pods on simulated (kwok) nodes only (409 NotSimulated else),
 * annotate pods so the cluster restarts one, flips its readiness, or reports its CPU usage.
 */
export const POST = actionRoute({
  action: 'lesson-simulate',
  params: namespaceParams,
  target: (p) => p.namespace,
  body: () => simulationBody,
  run: async ({ params: { namespace }, body, config }) => {
    requireLessonNamespace(namespace, config);
    const done = await simulate(namespace, body);
    return { data: { simulation: body.simulation, pods: done.pods }, detail: done.detail };
  },
});

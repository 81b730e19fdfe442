import { cleanUpLesson } from '@/lib/k8s/lessons';
import { requireLessonNamespace } from '@/lib/routes/lessons';
import { actionRoute } from '@/lib/routes/guard';
import { emptyBody, namespaceParams } from '@/lib/validation';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** POST (no body): delete this lesson namespace and everything in it. */
export const POST = actionRoute({
  action: 'lesson-cleanup',
  params: namespaceParams,
  target: (p) => p.namespace,
  body: () => emptyBody,
  emptyBodyOk: true,
  run: async ({ params: { namespace }, config }) => {
    requireLessonNamespace(namespace, config);
    const { alreadyDeleting } = await cleanUpLesson(namespace);
    return {
      data: { namespace, alreadyDeleting },
      detail: alreadyDeleting ? 'already deleting' : 'namespace deleting',
    };
  },
});

import { setUpLesson } from '@/lib/k8s/lessons';
import { requireLessonNamespace } from '@/lib/routes/lessons';
import { LESSON_IDS } from '@/lib/lessons/stories';
import { actionRoute } from '@/lib/routes/guard';
import { lessonSetupBody, namespaceParams } from '@/lib/validation';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const body = lessonSetupBody(LESSON_IDS);

/** POST {story}: server-side apply of the story's manifests into this lesson namespace (created if missing). */
export const POST = actionRoute({
  action: 'lesson-setup',
  params: namespaceParams,
  target: (p) => p.namespace,
  body: () => body,
  run: async ({ params: { namespace }, body: { story }, config }) => {
    requireLessonNamespace(namespace, config);
    const { objects } = await setUpLesson(namespace, story);
    return { data: { story, namespace, objects }, detail: `${story}: ${objects.join(', ')}` };
  },
});

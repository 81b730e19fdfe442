import { z } from 'zod';
import { setUpLesson } from '@/lib/k8s/lessons';
import { requireLessonNamespace } from '@/lib/routes/lessons';
import { LESSON_IDS } from '@/lib/lessons/stories';
import { actionRoute } from '@/lib/routes/guard';
import { dnsLabel } from '@/lib/validation';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const params = z.object({ namespace: dnsLabel });
const body = z
  .object({
    story: z.enum(LESSON_IDS as [string, ...string[]], { error: `must be one of ${LESSON_IDS.join(', ')}` }),
  })
  .strict();

/** POST {story}: server-side apply of the story's manifests into this lesson namespace (created if missing). */
export const POST = actionRoute({
  action: 'lesson-setup',
  params,
  target: (p) => p.namespace,
  body: () => body,
  run: async ({ params: { namespace }, body: { story }, config }) => {
    requireLessonNamespace(namespace, config);
    const { objects } = await setUpLesson(namespace, story);
    return { data: { story, namespace, objects }, detail: `${story}: ${objects.join(', ')}` };
  },
});

import { notFound, redirect } from 'next/navigation';
import { LessonView } from '@/components/lessons/lesson-view';
import { getConfig } from '@/lib/config';
import { hasLessonPrefix } from '@/lib/lessons/apply-plan';
import { lessonById, lessonNamespace } from '@/lib/lessons/stories';

/**
 * A lesson runs in a namespace of its own (the layout above streams that namespace). Opened from
 * any other namespace, it moves to `${PODIUM_LESSON_PREFIX}${story}`; any namespace with the
 * prefix may hold it (e.g. lesson-canary-2 for a second group).
 */
export default async function LessonPage({
  params,
}: {
  params: Promise<{ namespace: string; story: string }>;
}) {
  const { namespace, story } = await params;
  const lesson = lessonById(story);
  if (!lesson) notFound();
  const { lessonPrefix } = getConfig();
  if (!hasLessonPrefix(namespace, lessonPrefix))
    redirect(`/ns/${lessonNamespace(lessonPrefix, lesson)}/lessons/${lesson.id}`);
  return <LessonView namespace={namespace} lessonId={lesson.id} />;
}

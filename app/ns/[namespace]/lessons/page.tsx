import { LessonIndex } from '@/components/lessons/lesson-index';
import { getConfig } from '@/lib/config';

export default async function LessonsPage({ params }: { params: Promise<{ namespace: string }> }) {
  const { namespace } = await params;
  const { lessonPrefix, namespaces } = getConfig();
  return <LessonIndex namespace={namespace} prefix={lessonPrefix} namespaces={namespaces} />;
}

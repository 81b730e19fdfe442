import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardBody, CardFooter } from '@/components/ui/card';
import { namespaceAllowed } from '@/lib/config';
import { LESSONS, lessonNamespace } from '@/lib/lessons/stories';

/** Every lesson, each with the namespace it runs in. A server component: nothing here is live. */
export function LessonIndex({
  namespace,
  prefix,
  namespaces,
}: {
  namespace: string;
  prefix: string;
  namespaces: string[];
}) {
  return (
    <div className="space-y-6" data-testid="lesson-index">
      <div className="max-w-3xl space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">Lessons</h1>
        <p className="text-slate-700 dark:text-slate-300">
          Each lesson sets up one of the demo stories in a namespace of its own ({prefix}…), then walks
          through it step by step. Podium ticks a step off when the live state shows what it should, and times
          how long it took.
        </p>
      </div>
      <ul className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
        {LESSONS.map((lesson) => {
          const ns = lessonNamespace(prefix, lesson);
          const allowed = namespaceAllowed(ns, namespaces);
          return (
            <li key={lesson.id}>
              <Card className="flex h-full flex-col" data-testid="lesson-card" data-lesson={lesson.id}>
                <header className="border-b border-slate-100 px-4 py-3 dark:border-slate-800">
                  <h2 className="font-semibold text-slate-900 dark:text-slate-100">{lesson.title}</h2>
                  <p className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
                    {lesson.steps.length} steps · namespace {ns}
                    {ns === namespace ? <Badge tone="info">this namespace</Badge> : null}
                  </p>
                </header>
                <CardBody className="flex-1 text-sm text-slate-700 dark:text-slate-300">
                  {lesson.summary}
                </CardBody>
                <CardFooter>
                  {allowed ? (
                    <Link
                      href={`/ns/${ns}/lessons/${lesson.id}`}
                      className={buttonClasses({ variant: 'primary', size: 'sm' })}
                      data-testid={`lesson-open-${lesson.id}`}
                    >
                      Open lesson
                    </Link>
                  ) : (
                    <span className="text-amber-800 dark:text-amber-300">
                      {ns} is outside PODIUM_NAMESPACES: add {prefix}* to it to use this lesson.
                    </span>
                  )}
                </CardFooter>
              </Card>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

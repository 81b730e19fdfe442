'use client';

import Link from 'next/link';
import useSWR from 'swr';
import { ActionGate } from '@/components/actions/action-gate';
import { Badge } from '@/components/ui/badge';
import { getJson } from '@/lib/api/get-json';
import { useSession } from '@/lib/hooks/use-session';
import { LESSONS_KEY } from '@/lib/api/lessons';
import type { LessonsInfo } from '@/lib/models/contract';
import { lessonById } from '@/lib/lessons/stories';
import { lessonIsSimulated } from '@/lib/models/simulation';
import { LessonControls } from './lesson-controls';
import { LessonLivePanels } from './lesson-live-panels';
import { LessonStepItem } from './lesson-step-item';
import { useLessonRunner } from './use-lesson-runner';
import { useLiveState } from './use-live-state';

/** One lesson in its namespace: set-up and clean-up, the steps with their timings, and the live panels. */
export function LessonView({ namespace, lessonId }: { namespace: string; lessonId: string }) {
  const lesson = lessonById(lessonId);
  if (!lesson) throw new Error(`unknown lesson ${lessonId}`);
  const state = useLiveState(namespace);
  const { data: info } = useSWR<LessonsInfo>(LESSONS_KEY, getJson, { revalidateOnFocus: false });
  const { session } = useSession();
  const runner = useLessonRunner(namespace, lesson, state);
  const simulated =
    info && state
      ? lessonIsSimulated(
          info.cluster,
          state.pods.filter((p) => !p.deleting).map((p) => p.node),
        )
      : null;
  const present = state ? lesson.deployments.filter((n) => state.deployments.some((d) => d.name === n)) : [];
  const isSetUp = present.length === lesson.deployments.length;
  const done = lesson.steps.filter((s) => runner.progress[s.id]?.metAt != null).length;

  return (
    <div className="space-y-6" data-testid="lesson" data-lesson={lesson.id}>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <Link
          href={`/ns/${namespace}/lessons`}
          className="text-indigo-600 hover:underline dark:text-indigo-400"
        >
          ← All lessons
        </Link>
        <span className="text-slate-500 dark:text-slate-400">
          namespace <code className="font-mono">{namespace}</code>
        </span>
      </div>

      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="max-w-3xl space-y-2">
          <h1 className="text-2xl font-semibold tracking-tight">{lesson.title}</h1>
          <p className="text-slate-700 dark:text-slate-300">{lesson.summary}</p>
          <div
            className="flex flex-wrap gap-2"
            data-testid="lesson-state"
            data-set-up={isSetUp ? 'true' : 'false'}
            data-cleaning={runner.cleaning && present.length > 0 ? 'true' : 'false'}
          >
            <Badge tone={runner.cleaning && present.length > 0 ? 'warn' : isSetUp ? 'ok' : 'neutral'} dot>
              {!state
                ? 'loading…'
                : runner.cleaning && present.length > 0
                  ? 'being deleted…'
                  : isSetUp
                    ? 'set up'
                    : present.length > 0
                      ? 'partly set up'
                      : 'not set up'}
            </Badge>
            <Badge tone={done === lesson.steps.length ? 'ok' : 'info'} data-testid="lesson-progress">
              {done} of {lesson.steps.length} steps seen
            </Badge>
          </div>
        </div>
        {session?.readOnly ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Podium is read-only here: watch the lesson, its buttons are off.
          </p>
        ) : (
          <ActionGate namespace={namespace} showUnlock>
            <LessonControls
              lesson={lesson}
              namespace={namespace}
              isSetUp={isSetUp}
              busy={runner.busy}
              onSetUp={runner.setUp}
              onCleanUp={runner.cleanUp}
            />
          </ActionGate>
        )}
      </header>

      <ClusterNote simulated={simulated} reason={info?.cluster.reason} />

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-5">
        <section className="space-y-3 xl:col-span-2" aria-label="Steps">
          <h2 className="text-lg font-semibold">Steps</h2>
          <ol className="space-y-3">
            {lesson.steps.map((step, i) => (
              <LessonStepItem
                key={step.id}
                step={step}
                index={i}
                namespace={namespace}
                progress={runner.progress}
                simulated={simulated}
                busy={runner.busy}
                onAction={(s) => void runner.action(s)}
                onSimulate={(s) => void runner.simulate(s)}
              />
            ))}
          </ol>
          {runner.load ? (
            <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="lesson-load">
              Simulated load on: {runner.load.totalMilli}m of CPU spread over the pods of{' '}
              {runner.load.deployment}, re-spread as pods come and go while this page is open.
            </p>
          ) : null}
          <p className="text-xs text-slate-500 dark:text-slate-400">
            Timings are measured in this browser from the live stream: from your click (or the previous step)
            to the first update that shows the expected state.
          </p>
        </section>
        <section className="xl:col-span-3" aria-label="Live view">
          {!state ? (
            <div className="h-96 animate-pulse rounded-xl bg-slate-200 dark:bg-slate-800" />
          ) : present.length === 0 ? (
            <div
              data-testid="lesson-empty"
              className="rounded-xl border border-dashed border-slate-300 p-10 text-center dark:border-slate-700"
            >
              <p className="font-medium">Nothing of this lesson runs in {namespace} yet.</p>
              <p className="mt-1 text-sm text-slate-500">Set it up: its pods appear here as they start.</p>
            </div>
          ) : (
            <LessonLivePanels lesson={lesson} namespace={namespace} state={state} />
          )}
        </section>
      </div>
    </div>
  );
}

function ClusterNote({ simulated, reason }: { simulated: boolean | null; reason: string | undefined }) {
  if (simulated === null) return null;
  return (
    <p
      data-testid="lesson-cluster"
      data-simulated={simulated ? 'true' : 'false'}
      className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900 ring-1 ring-sky-600/20 ring-inset dark:bg-sky-950 dark:text-sky-100"
    >
      {simulated
        ? 'These pods are simulated (kwok nodes) and run no process, so the app’s own endpoints (/inemuri, /seppuku, /cpu) cannot answer. Steps that need them offer Simulate, which makes the cluster show the same effect (a restart, a failing readiness probe, CPU load). Where pods run for real, the demo app’s own endpoints and real requests to /cpu do it.'
        : `These pods run for real: the buttons call the demo app itself (/inemuri, /seppuku), and load is real requests to /cpu (see the kubectl lines). Simulate is off: ${reason ?? ''}`}
    </p>
  );
}

'use client';

import { useState } from 'react';
import { Confirm } from '@/components/actions/confirm';
import { Button } from '@/components/ui/button';
import { useSession } from '@/lib/hooks/use-session';
import type { Lesson } from '@/lib/lessons/stories';

export interface LessonControlsProps {
  lesson: Lesson;
  namespace: string;
  /** the lesson's Deployments exist in the namespace */
  isSetUp: boolean;
  busy: string | null;
  onSetUp: () => Promise<void>;
  onCleanUp: () => Promise<void>;
}

const LOCKED = 'Locked: enter the action token to use actions';

/** Set up (server-side apply of the story) and clean up (delete the namespace), each confirmed first. */
export function LessonControls({
  lesson,
  namespace,
  isSetUp,
  busy,
  onSetUp,
  onCleanUp,
}: LessonControlsProps) {
  const { locked } = useSession();
  const [confirm, setConfirm] = useState<'setup' | 'cleanup' | null>(null);
  const off = locked ? LOCKED : busy ? 'Working…' : null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        variant="primary"
        onClick={() => setConfirm('setup')}
        disabledReason={off}
        data-testid="lesson-setup"
      >
        {isSetUp ? 'Set up again' : 'Set up'}
      </Button>
      <Button
        variant="danger"
        onClick={() => setConfirm('cleanup')}
        disabledReason={off}
        data-testid="lesson-cleanup"
      >
        Clean up
      </Button>

      <Confirm
        open={confirm === 'setup'}
        title={`Set up “${lesson.title}” in ${namespace}?`}
        confirmLabel={isSetUp ? 'Set up again' : 'Set up'}
        onConfirm={() => {
          setConfirm(null);
          void onSetUp();
        }}
        onCancel={() => setConfirm(null)}
      >
        <p>
          Podium applies the story’s manifests (demo/manifests/stories/{lesson.id}) to namespace{' '}
          <code>{namespace}</code> with server-side apply, creating the namespace if it is missing.
        </p>
        {isSetUp ? (
          <p>
            The lesson is set up already: applying again puts back what the steps changed (replicas, version).
          </p>
        ) : null}
      </Confirm>
      <Confirm
        open={confirm === 'cleanup'}
        title={`Delete namespace ${namespace}?`}
        confirmLabel="Delete the namespace"
        tone="danger"
        onConfirm={() => {
          setConfirm(null);
          void onCleanUp();
        }}
        onCancel={() => setConfirm(null)}
      >
        <p>
          Everything in it goes: Deployments, ReplicaSets, pods, Services, the HPA. Set the lesson up again
          any time.
        </p>
      </Confirm>
    </div>
  );
}

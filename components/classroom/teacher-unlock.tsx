'use client';

import { UnlockForm } from '@/components/actions/unlock-form';

/**
 * Class mode, a browser without the action token: students see no action, only this closed line.
 * The teacher opens it and enters the token their terminal printed at start.
 */
export function TeacherUnlock() {
  return (
    <details data-testid="teacher-unlock" className="text-sm text-slate-600 dark:text-slate-400">
      <summary className="cursor-pointer select-none">
        Watching along with the class. Teacher? Unlock actions
      </summary>
      <div className="mt-2">
        <UnlockForm />
      </div>
    </details>
  );
}

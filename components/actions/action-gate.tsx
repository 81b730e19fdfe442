'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { Button, type ButtonProps } from '@/components/ui/button';
import type { ActionName } from '@/lib/models/contract';
import { usePermissions } from '@/lib/hooks/use-permissions';
import { useSession } from '@/lib/hooks/use-session';
import { TeacherUnlock } from '@/components/classroom/teacher-unlock';
import { UnlockForm } from './unlock-form';

// Where actions may appear at all. In read-only mode nothing inside the gate renders. Otherwise each
// GatedButton asks the gate: a button RBAC forbids (SelfSubjectAccessReview) or that the action
// token still locks is disabled, and says why both in its title and in visible text.

interface Gate {
  check: (action: ActionName) => { allowed: boolean; reason: string | null };
  locked: boolean;
  maxReplicas: number;
}

const GateContext = createContext<Gate | null>(null);

const LOCKED = 'Locked: enter the action token to use actions';

export function ActionGate({
  namespace,
  showUnlock = false,
  children,
}: {
  namespace: string;
  showUnlock?: boolean;
  children: ReactNode;
}) {
  const { session, locked, lock } = useSession();
  const { check } = usePermissions(namespace);
  // Until the session is known, show nothing: in read-only mode no action may flash up.
  if (!session || session.readOnly) return null;
  // A class (PODIUM_CLASS): without the token a browser is a student's, and shows no action at all.
  if (session.classMode && locked) return showUnlock ? <TeacherUnlock /> : null;
  return (
    <GateContext.Provider value={{ check, locked, maxReplicas: session.maxReplicas }}>
      {showUnlock && locked ? <UnlockForm /> : null}
      {showUnlock && session.actionTokenRequired && !locked ? (
        <div className="flex justify-end">
          <Button
            size="sm"
            variant="ghost"
            onClick={() => void lock().catch(() => undefined)}
            data-testid="action-lock"
          >
            Lock actions
          </Button>
        </div>
      ) : null}
      {children}
    </GateContext.Provider>
  );
}

/** Whether this action may be used here, and if not, the sentence that says why. */
export function useGate(action: ActionName): {
  allowed: boolean;
  reason: string | null;
  maxReplicas: number;
} {
  const gate = useContext(GateContext);
  if (!gate) return { allowed: false, reason: 'actions are not available here', maxReplicas: 0 };
  if (gate.locked) return { allowed: false, reason: LOCKED, maxReplicas: gate.maxReplicas };
  return { ...gate.check(action), maxReplicas: gate.maxReplicas };
}

export interface GatedButtonProps extends ButtonProps {
  action: ActionName;
  /** hide the visible reason (when a sibling already shows the same one) */
  quietReason?: boolean;
}

/** A Button that the gate may disable; the reason is its tooltip and a line of text beside it. */
export function GatedButton({ action, quietReason = false, disabledReason, ...rest }: GatedButtonProps) {
  const { allowed, reason } = useGate(action);
  const denied = allowed ? null : reason;
  const testId = (rest as { 'data-testid'?: string })['data-testid'];
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <Button {...rest} disabledReason={denied ?? disabledReason} />
      {denied && !quietReason ? (
        <span
          className="text-xs text-amber-700 dark:text-amber-400"
          data-testid={testId ? `${testId}-denied` : undefined}
        >
          {denied}
        </span>
      ) : null}
    </span>
  );
}

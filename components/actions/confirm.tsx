'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';

// The confirm step of every action that asks first: a native <dialog> (showModal() gives the focus
// trap, the inert background and Escape for free); the parent owns `open`, and Escape and the
// backdrop call onCancel. Its confirm button is `confirm-yes`, the id the browser tests click, and it
// can hold extra choices (the HPA dialog's "change HPA bounds").

export interface ConfirmProps {
  open: boolean;
  title: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  busy?: boolean;
  /** buttons shown between Cancel and the confirm button */
  extra?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}

export function Confirm({
  open,
  title,
  children,
  confirmLabel,
  tone = 'primary',
  busy = false,
  extra,
  onConfirm,
  onCancel,
}: ConfirmProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid="confirm-dialog"
      onCancel={(e) => {
        // Escape: let the parent decide, so `open` stays the single source of truth
        e.preventDefault();
        onCancel();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onCancel();
      }}
      className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      {open && (
        <>
          <div className="px-5 pt-4 pb-3">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            {children ? (
              <div className="mt-2 space-y-2 text-sm text-slate-600 dark:text-slate-300">{children}</div>
            ) : null}
          </div>
          <div className="flex flex-wrap justify-end gap-2 border-t border-slate-100 px-5 py-3 dark:border-slate-800">
            <Button variant="ghost" onClick={onCancel} autoFocus={tone === 'danger'} data-testid="confirm-no">
              Cancel
            </Button>
            {extra}
            <Button
              variant={tone === 'danger' ? 'danger' : 'primary'}
              onClick={onConfirm}
              disabledReason={busy ? 'Working…' : null}
              autoFocus={tone !== 'danger'}
              data-testid="confirm-yes"
            >
              {confirmLabel}
            </Button>
          </div>
        </>
      )}
    </dialog>
  );
}

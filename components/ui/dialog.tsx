'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './button';

export interface ConfirmDialogProps {
  open: boolean;
  title: ReactNode;
  children?: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  /** "danger" for destructive actions (delete pod, roll back); focus then starts on Cancel */
  tone?: 'primary' | 'danger';
  /** disables the confirm button while the action runs */
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A confirm dialog on the native <dialog> element: showModal() gives the focus trap, the inert
 * background and Escape for free. The parent owns `open`; Escape and the backdrop call onCancel.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel = 'Confirm',
  cancelLabel = 'Cancel',
  tone = 'primary',
  busy = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={children ? bodyId : undefined}
      data-testid="confirm-dialog"
      onCancel={(e) => {
        // Escape: let the parent decide, so `open` stays the single source of truth
        e.preventDefault();
        onCancel();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget) onCancel(); // a click on the backdrop
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="px-5 pt-4 pb-3">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        {children ? (
          <div id={bodyId} className="mt-2 text-sm text-slate-600 dark:text-slate-300">
            {children}
          </div>
        ) : null}
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-100 px-5 py-3 dark:border-slate-800">
        <Button variant="ghost" onClick={onCancel} autoFocus={tone === 'danger'}>
          {cancelLabel}
        </Button>
        <Button
          variant={tone === 'danger' ? 'danger' : 'primary'}
          onClick={onConfirm}
          disabledReason={busy ? 'Working…' : null}
          autoFocus={tone !== 'danger'}
          data-testid="confirm-dialog-confirm"
        >
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}

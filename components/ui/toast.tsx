'use client';

import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { cn, TONE_SOLID, type Tone } from './cn';

export interface ToastInput {
  tone?: Tone;
  title: string;
  detail?: string;
}
interface ToastItem extends Required<Pick<ToastInput, 'tone' | 'title'>> {
  id: number;
  detail?: string;
}

type ToastFn = (input: ToastInput) => void;
const ToastContext = createContext<ToastFn | null>(null);

/** Errors stay longer: people need time to read what went wrong. */
const DISMISS_MS: Record<Tone, number> = { ok: 4000, info: 4000, neutral: 4000, warn: 7000, bad: 10000 };
const MAX_SHOWN = 4;

/** Renders the toasts in a fixed corner and gives `useOptionalToast()` to everything inside it. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setItems((all) => all.filter((t) => t.id !== id));
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
  }, []);

  const toast = useCallback<ToastFn>(
    ({ tone = 'info', title, detail }) => {
      const id = nextId.current++;
      setItems((all) => [...all, { id, tone, title, detail }].slice(-MAX_SHOWN));
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), DISMISS_MS[tone]),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((t) => clearTimeout(t));
  }, []);

  return (
    <ToastContext.Provider value={toast}>
      {children}
      <div
        role="status"
        aria-live="polite"
        data-testid="toasts"
        className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-[min(24rem,calc(100vw-2rem))] flex-col gap-2"
      >
        {items.map((t) => (
          <div
            key={t.id}
            data-testid="toast"
            data-tone={t.tone}
            className="pointer-events-auto flex items-start gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-lg transition duration-200 starting:translate-y-2 starting:opacity-0 dark:border-slate-700 dark:bg-slate-900"
          >
            <span
              aria-hidden="true"
              className={cn('mt-1.5 size-2 shrink-0 rounded-full', TONE_SOLID[t.tone])}
            />
            <div className="min-w-0 flex-1">
              <p className="text-sm font-medium text-slate-900 dark:text-slate-100">{t.title}</p>
              {t.detail ? (
                <p className="mt-0.5 text-xs break-words text-slate-600 dark:text-slate-400">{t.detail}</p>
              ) : null}
            </div>
            <button
              type="button"
              onClick={() => dismiss(t.id)}
              aria-label="Dismiss notification"
              className="rounded px-1 text-slate-400 hover:text-slate-700 dark:hover:text-slate-200"
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/**
 * `const toast = useOptionalToast(); toast?.({ tone: 'ok', title: 'Scaled to 6' })`. Null outside a
 * ToastProvider: controls there show their outcome inline.
 */
export function useOptionalToast(): ToastFn | null {
  return useContext(ToastContext);
}

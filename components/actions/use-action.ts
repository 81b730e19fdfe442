'use client';

import { useState } from 'react';
import type { Tone } from '@/components/ui/cn';
import { useOptionalToast } from '@/components/ui/toast';
import { ActionError } from '@/lib/api/actions';

// Runs the actions of one control: which one is busy, and a toast with the outcome. The effect
// itself is not applied here: it reaches the screen through the live stream.

export interface Outcome {
  tone: Tone;
  title: string;
  detail?: string;
}

export function useActionRunner() {
  // the page's toasts when a ToastProvider is mounted; otherwise the control shows the outcome inline
  const toast = useOptionalToast();
  const [busy, setBusy] = useState<string | null>(null);
  const [last, setLast] = useState<Outcome | null>(null);

  const notify = (o: Outcome) => {
    if (toast) toast(o);
    else setLast(o);
  };

  /**
   * Runs `fn` under `key`; `ok` words the success toast. `handle` may take over an error (return
   * true), e.g. a 409 HpaManaged that opens a dialog instead. Resolves to the result, or undefined.
   */
  async function run<T>(
    key: string,
    failTitle: string,
    fn: () => Promise<T>,
    ok: (r: T) => Outcome,
    handle?: (err: ActionError) => boolean,
  ): Promise<T | undefined> {
    setBusy(key);
    try {
      const r = await fn();
      notify(ok(r));
      return r;
    } catch (err) {
      if (err instanceof ActionError && handle?.(err)) return undefined;
      notify({ tone: 'bad', title: failTitle, detail: (err as Error).message });
      return undefined;
    } finally {
      setBusy(null);
    }
  }

  return { run, busy, notify, last: toast ? null : last };
}

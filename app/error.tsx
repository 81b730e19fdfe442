'use client';

import Link from 'next/link';
import { useEffect } from 'react';

/**
 * A page that failed while rendering: say so in Podium's words, keep the cluster out of the blame
 * unless it was the cluster, and offer to try again (the live views reconnect on their own).
 */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error('[podium] page error', error);
  }, [error]);
  const digest =
    error instanceof Error && 'digest' in error
      ? String((error as Error & { digest?: string }).digest)
      : null;
  return (
    <main className="mx-auto max-w-2xl px-6 py-16" data-testid="page-error">
      <h1 className="text-2xl font-semibold">Podium could not show this page</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">
        Something went wrong while drawing it. Your cluster was not changed: Podium only acts when you press a
        button and confirm.
      </p>
      {error instanceof Error && error.message ? (
        <p className="mt-4 rounded-lg border border-red-200 bg-red-50 p-3 font-mono text-sm dark:border-red-900 dark:bg-red-950">
          {error.message}
        </p>
      ) : null}
      {digest ? <p className="mt-2 text-xs text-slate-500">Server log reference: {digest}</p> : null}
      <div className="mt-6 flex gap-4 text-sm">
        <button
          type="button"
          onClick={() => retry()}
          className="font-medium text-indigo-600 hover:underline dark:text-indigo-400"
        >
          Try again
        </button>
        <Link href="/" className="text-indigo-600 hover:underline dark:text-indigo-400">
          Choose a namespace
        </Link>
      </div>
    </main>
  );
}

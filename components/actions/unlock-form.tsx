'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { useSession } from '@/lib/hooks/use-session';

/** Asks for the action token (PODIUM_ACTION_TOKEN). The server keeps only an HMAC of it in a cookie. */
export function UnlockForm() {
  const { unlock } = useSession();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await unlock(token);
      setToken('');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={submit}
      data-testid="unlock-form"
      className="flex flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-500/10"
    >
      <label htmlFor="podium-action-token" className="font-medium text-amber-900 dark:text-amber-200">
        Actions are locked. Action token:
      </label>
      <input
        id="podium-action-token"
        type="password"
        autoComplete="off"
        value={token}
        onChange={(e) => setToken(e.target.value)}
        data-testid="unlock-token"
        className="h-9 w-56 rounded-md border border-slate-300 bg-white px-2 dark:border-slate-600 dark:bg-slate-900"
      />
      <Button
        type="submit"
        variant="primary"
        disabledReason={busy ? 'Checking…' : token ? null : 'Enter the token first'}
        data-testid="unlock-submit"
      >
        Unlock
      </Button>
      {error ? (
        <span role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </span>
      ) : null}
    </form>
  );
}

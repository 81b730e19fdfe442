'use client';
import useSWR from 'swr';
import { loadSession, lockActions, SESSION_KEY, unlockActions } from '../api/actions';
import type { Session } from '../models/contract';

/** Podium's session: read-only mode, whether actions are locked, the replica bound. */
export function useSession() {
  const { data, error, mutate } = useSWR<Session>(SESSION_KEY, loadSession, {
    revalidateOnFocus: false,
    dedupingInterval: 60_000,
  });
  return {
    session: data,
    error: error as Error | undefined,
    /** locked = an action token is configured and this browser has not entered it */
    locked: Boolean(data?.actionTokenRequired && !data.unlocked),
    async unlock(token: string) {
      await unlockActions(token);
      await mutate();
    },
    async lock() {
      await lockActions();
      await mutate();
    },
  };
}

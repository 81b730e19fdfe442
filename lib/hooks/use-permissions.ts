'use client';
import useSWR from 'swr';
import { getJson } from '../api/get-json';
import { permissionsKey } from '../api/actions';
import type { ActionName, PermissionsAnswer } from '../models/contract';

/** What Podium's Kubernetes credentials allow in this namespace, per action (the server caches 30 s). */
export function usePermissions(namespace: string) {
  const { data, error } = useSWR<PermissionsAnswer>(permissionsKey(namespace), getJson, {
    refreshInterval: 30_000,
    revalidateOnFocus: false,
    // every pod's actions ask for the answer: a pod that appears must not ask the server again (a
    // request per new pod in every tab), the 30 s refresh keeps it current
    revalidateIfStale: false,
  });
  return {
    permissions: data?.actions,
    /** the Logs panel: off, or whether the credentials may read logs (undefined while loading) */
    logs: data?.logs,
    error: error as Error | undefined,
    /** unknown (still loading, or the check failed) counts as allowed: the API server decides anyway */
    check(action: ActionName): { allowed: boolean; reason: string | null } {
      const p = data?.actions[action];
      return p && !p.allowed ? { allowed: false, reason: p.reason } : { allowed: true, reason: null };
    },
  };
}

'use client';
import { useSession } from '@/lib/hooks/use-session';
import { useTrafficInfo } from '@/lib/hooks/use-traffic';
import type { TrafficAction } from '@/lib/models/traffic-contract';

/**
 * Whether a traffic or canary action may be used here: hidden in read-only mode (`visible` false),
 * disabled with the reason when the action token locks it or RBAC forbids it. The server checks all
 * of this again (lib/routes/guard.ts, lib/k8s/traffic/access.ts).
 */
export function useTrafficGate(namespace: string, action: TrafficAction) {
  const { session, locked } = useSession();
  const { info } = useTrafficInfo(namespace);
  // hidden in read-only mode, and from a class's students (class mode, no action token entered)
  const visible = Boolean(session && !session.readOnly && !(session.classMode && locked));
  let reason: string | null = null;
  if (locked) reason = 'Locked: enter the action token to use actions';
  else if (info && !info.permissions[action].allowed) reason = info.permissions[action].reason;
  return { visible, reason, info, maxReplicas: session?.maxReplicas ?? 0 };
}

import { logsPermission, permissions } from '@/lib/k8s/access';
import type { PermissionsAnswer } from '@/lib/models/contract';
import { namespaceRead } from '@/lib/routes/namespace-read';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET: per action, whether Podium's credentials allow it here, and why not. */
export const GET = namespaceRead(async (namespace, config): Promise<PermissionsAnswer> => ({
  namespace,
  readOnly: config.readOnly,
  actions: await permissions(namespace),
  logs: config.logs
    ? { enabled: true, ...(await logsPermission(namespace)) }
    : { enabled: false, allowed: false, reason: 'logs are turned off on this Podium (PODIUM_LOGS=off)' },
}));

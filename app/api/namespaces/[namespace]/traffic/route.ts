import { trafficPermissions } from '@/lib/k8s/traffic/access';
import { entryText, gatewayEntry } from '@/lib/k8s/traffic/gateway';
import { transportInUse } from '@/lib/k8s/traffic/transport';
import type { TrafficInfo } from '@/lib/models/traffic-contract';
import { TRANSPORT_TEXT } from '@/lib/models/traffic';
import { namespaceRead } from '@/lib/routes/namespace-read';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET: how Podium's requests reach Services (and routes, through the gateway) here, and what its credentials allow. */
export const GET = namespaceRead(async (namespace, config): Promise<TrafficInfo> => {
  const transport = transportInUse();
  const entry = gatewayEntry();
  return {
    namespace,
    transport,
    transportText: TRANSPORT_TEXT[transport],
    permissions: await trafficPermissions(namespace),
    readOnly: config.readOnly,
    gateway: entry.ok ? { entry: entryText(entry.url), error: null } : { entry: null, error: entry.error },
  };
});

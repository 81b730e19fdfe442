import { trafficPermissions } from '@/lib/k8s/traffic/access';
import { transportInUse } from '@/lib/k8s/traffic/transport';
import type { TrafficInfo } from '@/lib/models/traffic-contract';
import { TRANSPORT_TEXT } from '@/lib/models/traffic';
import { namespaceRead } from '@/lib/routes/namespace-read';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET: how Podium's requests reach Services here, and what its credentials allow. */
export const GET = namespaceRead(async (namespace, config): Promise<TrafficInfo> => {
  const transport = transportInUse();
  return {
    namespace,
    transport,
    transportText: TRANSPORT_TEXT[transport],
    permissions: await trafficPermissions(namespace),
    readOnly: config.readOnly,
  };
});

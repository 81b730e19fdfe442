import type { WatchedKind } from '../models/types';

// SWR cache keys for the live state. The live stream writes them; components read them.
export const liveKey = (namespace: string, kind: WatchedKind) => `live:${namespace}:${kind}`;
export const connectionKey = (namespace: string) => `live:${namespace}:connection`;
export const usageKey = (namespace: string) => `live:${namespace}:usage`;
export const historyKey = (namespace: string) => `live:${namespace}:history`;
export const kindErrorsKey = (namespace: string) => `live:${namespace}:kind-errors`;
export const trafficKey = (namespace: string) => `live:${namespace}:traffic`;

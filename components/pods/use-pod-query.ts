'use client';
import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { parsePodQuery, podQueryParams, type PodQuery } from '@/lib/models/pod-view';

/**
 * The pod filters and sort of the page's URL (?phase=Pending&ready=not-ready&node=…&q=…&sort=…),
 * so a view can be shared as a link. Changing them replaces the history entry through the History
 * API, which Next keeps in step with useSearchParams, without asking the server for the page again.
 */
export function usePodQuery(): [PodQuery, (patch: Partial<PodQuery>) => void] {
  const params = useSearchParams();
  const pathname = usePathname();
  const query = useMemo(() => parsePodQuery(params), [params]);
  const update = useCallback(
    (patch: Partial<PodQuery>) => {
      const next = podQueryParams({ ...query, ...patch }, params.toString()).toString();
      window.history.replaceState(null, '', next ? `${pathname}?${next}` : pathname);
    },
    [query, params, pathname],
  );
  return [query, update];
}

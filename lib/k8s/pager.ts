import 'server-only';
import { k8sRequest } from './client';
import { K8sError } from './errors';

// Lists in pages, as client-go's pager does: `limit` objects a response, the next page asked for
// with the `continue` token of the one before, so a 10,000-pod namespace never arrives (or sits in
// memory as raw JSON) as one response. Each page is reshaped as it comes (`map`), and only the
// small summaries are kept. A continue token lives as long as etcd keeps its revision: after a
// compaction it answers 410 Expired, and the list starts over from the first page (client-go falls
// back to one unpaged list instead; starting over keeps every response small).
// https://kubernetes.io/docs/reference/using-api/api-concepts/#retrieving-large-results-sets-in-chunks

export const PAGE_SIZE = 500;
/** How many times an expired list starts over before the error is passed on. */
export const MAX_RESTARTS = 3;

export interface ListPage {
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: unknown[];
}

/** One page of the list: no `continue` for the first. */
export type FetchPage = (query: { limit: number; continue?: string }) => Promise<ListPage>;

export interface Listed<S> {
  items: S[];
  /** the list's resourceVersion, to watch from */
  resourceVersion: string;
  /** responses read, including those of attempts that expired */
  pages: number;
  /** how many times an expired continue token made the list start over */
  restarts: number;
}

/** A continue token too old for etcd: the API server's 410 with reason Expired. */
export function isExpired(err: unknown): boolean {
  return err instanceof K8sError && err.status === 410;
}

/** Every item of a collection, page by page, each reshaped by `map`. */
export async function listAllPages<S>(
  fetchPage: FetchPage,
  map: (raw: unknown) => S,
  limit = PAGE_SIZE,
): Promise<Listed<S>> {
  let pages = 0;
  for (let restarts = 0; ; restarts++) {
    const items: S[] = [];
    let cont: string | undefined;
    try {
      for (;;) {
        const page = await fetchPage(cont === undefined ? { limit } : { limit, continue: cont });
        pages++;
        for (const raw of page.items) items.push(map(raw));
        cont = page.metadata.continue || undefined;
        if (!cont) return { items, resourceVersion: page.metadata.resourceVersion, pages, restarts };
      }
    } catch (err) {
      // a 410 on a first page is not about a token: pass it on, as any other error
      if (cont === undefined || !isExpired(err) || restarts >= MAX_RESTARTS) throw err;
    }
  }
}

/** The pager over one collection path of the API server (query: labelSelector, fieldSelector, …). */
export function fetchPages(
  path: string,
  opts: { query?: Record<string, string | undefined>; signal?: AbortSignal; what: string },
): FetchPage {
  return (page) =>
    k8sRequest<ListPage>(path, {
      query: { ...opts.query, limit: page.limit, continue: page.continue },
      signal: opts.signal,
      what: opts.what,
    });
}

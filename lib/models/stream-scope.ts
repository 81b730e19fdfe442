// What a live stream sends, sized for the page that opened it. The server keeps ONE watch per
// (kind, namespace) whatever the pages (lib/k8s/watch-hub.ts); a scope is only a filter on its
// fan-out, run once per scope however many streams read it (lib/k8s/feed.ts):
//   - the namespace (no scope): everything; the lessons need it;
//   - one Deployment (`deployment=web`): its ReplicaSets, its pods and their newest events
//     (scope-deployment.ts);
//   - the overview (`view=overview`): every Deployment with its pods counted, and the pods
//     themselves only in a small namespace (scope-overview.ts).
// Pure and stateful per scope: the feed gives it the hub's events and sends what it returns.
import { deploymentScoper } from './scope-deployment';
import { OVERVIEW_POD_LIMIT, overviewScoper, podCountsByDeployment, withPodCounts } from './scope-overview';
import type { ScopedOutput } from './scope-tracked';
import type { Change, HubData } from './stream';
import type { HistoryPoint, PodUsage, WatchedKind } from './types';

export { OVERVIEW_POD_LIMIT, podCountsByDeployment, withPodCounts };

export interface StreamScope {
  namespace: string;
  /** only this Deployment's ReplicaSets, pods and their events */
  deployment?: string;
  /** the overview: per-deployment pod counts instead of a large namespace's pods */
  view?: 'overview';
}

/** The stream's URL for a scope: the browser's key for it (one EventSource per URL). */
export function streamScopeUrl(scope: StreamScope): string {
  const params = new URLSearchParams({ namespace: scope.namespace });
  if (scope.deployment) params.set('deployment', scope.deployment);
  if (scope.view) params.set('view', scope.view);
  return `/api/stream?${params}`;
}

/** The scope a page of /ns/<namespace>/… needs: a deployment's pages, the overview, else all. */
export function scopeOfPath(namespace: string, pathname: string): StreamScope {
  const [, ns, name, kind, deployment] = pathname.split('/');
  if (ns !== 'ns' || name !== encodeURIComponent(namespace)) return { namespace };
  if (kind === undefined || kind === '') return { namespace, view: 'overview' };
  if (kind === 'deployments' && deployment) return { namespace, deployment: decodeURIComponent(deployment) };
  return { namespace };
}

export type { ScopedOutput };

export interface Scoper {
  /** What of one hub event goes to this stream (possibly other kinds' catch-up too). */
  accept(kind: WatchedKind, event: HubData): ScopedOutput[];
  /** true when `due()` has something: the feed schedules a flush */
  readonly hasDue: boolean;
  /** Changes computed lazily at flush time (the overview's counts: once per batch, not per pod). */
  due(): Change[];
  /** The usage to send, or null to send none. */
  usage(list: PodUsage[]): PodUsage[] | null;
  /** A history point as this stream sends it, or null to send none. */
  historyPoint(point: HistoryPoint): HistoryPoint | null;
}

export function createScoper(scope: StreamScope): Scoper {
  if (scope.deployment) return deploymentScoper(scope.deployment);
  if (scope.view === 'overview') return overviewScoper();
  return {
    accept: (kind, e) => [e.type === 'snapshot' ? { type: 'snapshot', kind, items: e.items } : e],
    hasDue: false,
    due: () => [],
    usage: (list) => list,
    historyPoint: (p) => p,
  };
}

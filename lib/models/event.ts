// Events of both APIs (core/v1 and events.k8s.io/v1) → EventRow, with the time and count
// fallbacks `kubectl get events` uses (printEvent in kubernetes/pkg/printers/internalversion):
// singleton events of the new API have no count, aggregated ones keep theirs in series.
import type { EventRow } from './types';
import { toEpochMs, toIso, toObjectRef, type RawObjectMeta, type RawTime } from './meta';

interface RawObjectReference {
  kind?: string;
  name?: string;
  uid?: string;
  fieldPath?: string;
}

interface RawEventSeries {
  count?: number;
  lastObservedTime?: RawTime | null;
}

/** Fields of core/v1 Event and events.k8s.io/v1 Event; an object carries one set or the other. */
export interface RawEvent {
  metadata?: RawObjectMeta;
  type?: string;
  reason?: string;
  eventTime?: RawTime | null;
  series?: RawEventSeries;
  reportingInstance?: string;
  // core/v1
  message?: string;
  involvedObject?: RawObjectReference;
  count?: number;
  firstTimestamp?: RawTime | null;
  lastTimestamp?: RawTime | null;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  // events.k8s.io/v1
  note?: string;
  regarding?: RawObjectReference;
  deprecatedCount?: number;
  deprecatedFirstTimestamp?: RawTime | null;
  deprecatedLastTimestamp?: RawTime | null;
  deprecatedSource?: { component?: string; host?: string };
  reportingController?: string;
}

export function toEventRow(raw: RawEvent): EventRow {
  const involved = raw.involvedObject ?? raw.regarding;
  const firstSeen = toIso(raw.firstTimestamp ?? raw.deprecatedFirstTimestamp) ?? toIso(raw.eventTime);
  const lastSeen =
    toIso(raw.series?.lastObservedTime) ??
    toIso(raw.lastTimestamp ?? raw.deprecatedLastTimestamp) ??
    firstSeen;
  const count = raw.series ? raw.series.count : (raw.count ?? raw.deprecatedCount);
  return {
    ...toObjectRef(raw.metadata),
    type: raw.type || 'Normal',
    reason: raw.reason ?? '',
    message: raw.message ?? raw.note ?? '',
    involved: {
      kind: involved?.kind ?? '',
      name: involved?.name ?? '',
      uid: involved?.uid || null,
      fieldPath: involved?.fieldPath || null,
    },
    count: count && count > 0 ? count : 1,
    firstSeen,
    lastSeen,
    source:
      raw.source?.component ||
      raw.reportingComponent ||
      raw.reportingController ||
      raw.deprecatedSource?.component ||
      null,
  };
}

function lastMs(e: EventRow): number {
  return toEpochMs(e.lastSeen) ?? toEpochMs(e.firstSeen) ?? toEpochMs(e.createdAt) ?? -Infinity;
}

function firstMs(e: EventRow): number {
  return toEpochMs(e.firstSeen) ?? -Infinity;
}

/** Equal times give NaN when both are -Infinity; treat that as a tie. */
function newerFirst(a: number, b: number): number {
  return b - a || 0;
}

/**
 * Newest first by last occurrence, then by first occurrence (events within one second, like a
 * probe failure and the kill it causes, keep their causal order), then by name so a live list
 * does not jitter. Each event's times are parsed once, not at every comparison: a deployment of
 * 10,000 pods has 10,000 Scheduled events, re-sorted at every batch.
 */
export function sortEventsNewestFirst(events: readonly EventRow[]): EventRow[] {
  return events
    .map((e) => ({ e, last: lastMs(e), first: firstMs(e) }))
    .sort(
      (a, b) =>
        newerFirst(a.last, b.last) ||
        newerFirst(a.first, b.first) ||
        (a.e.name < b.e.name ? -1 : a.e.name > b.e.name ? 1 : 0),
    )
    .map(({ e }) => e);
}

const newestFirst = new WeakMap<readonly EventRow[], EventRow[]>();

/**
 * sortEventsNewestFirst for a list the live state keeps (useKind hands out the same array until an
 * event changes): sorted once per list, though a deployment page filters it at every batch of pod
 * changes. The result is shared: do not change it.
 */
export function eventsNewestFirst(events: readonly EventRow[]): readonly EventRow[] {
  let sorted = newestFirst.get(events);
  if (!sorted) newestFirst.set(events, (sorted = sortEventsNewestFirst(events)));
  return sorted;
}

/** The events about one object, newest first: what `kubectl describe` lists at the bottom. */
export function eventsFor(events: readonly EventRow[], kind: string, name: string): EventRow[] {
  return sortEventsNewestFirst(events.filter((e) => e.involved.kind === kind && e.involved.name === name));
}

// Object metadata, conditions and timestamps shared by every kind.
// Raw shapes are deliberately minimal and all-optional: the API server omits empty fields, and
// @kubernetes/client-node hands list results over with Date objects where watch events carry
// RFC 3339 strings, so both are accepted (its V1* types are assignable to these interfaces).
import type { ConditionSummary, ObjectRef } from './types';

/** Annotations a Deployment and its ReplicaSets carry (here, not in deployment.ts, so that the
 * browser's rollout and ReplicaSet views do not pull in deployment.ts's zod-parsed endpoints). */
export const VERSION_ENV_ANNOTATION = 'podium.dev/version-env';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/** RFC 3339 string from JSON, or Date after @kubernetes/client-node's deserializer. */
export type RawTime = string | Date;

export interface RawOwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
}

export interface RawObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: RawTime | null;
  deletionTimestamp?: RawTime | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: RawOwnerReference[];
}

/** Kinds Podium reads little more than the metadata of. */
export interface RawNamespace {
  metadata?: RawObjectMeta;
  status?: { phase?: string };
}
export interface RawNode {
  metadata?: RawObjectMeta;
}

export interface RawCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: RawTime | null;
}

/**
 * ISO 8601 text for a raw timestamp; null when absent or unparsable. Strings pass through
 * untouched (MicroTime keeps its microseconds); Dates drop the ".000" the API never sends.
 */
export function toIso(time: RawTime | null | undefined): string | null {
  if (time === null || time === undefined) return null;
  if (typeof time === 'string') return time === '' || Number.isNaN(Date.parse(time)) ? null : time;
  return Number.isNaN(time.getTime()) ? null : time.toISOString().replace('.000Z', 'Z');
}

/** Epoch ms of a raw or ISO timestamp, or null: for comparing times, never the strings. */
export function toEpochMs(time: RawTime | null | undefined): number | null {
  const iso = toIso(time);
  return iso === null ? null : Date.parse(iso);
}

export function toObjectRef(meta: RawObjectMeta | undefined): ObjectRef {
  return {
    uid: meta?.uid ?? '',
    name: meta?.name ?? '',
    namespace: meta?.namespace ?? '',
    resourceVersion: meta?.resourceVersion ?? '',
    createdAt: toIso(meta?.creationTimestamp) ?? '',
  };
}

/** The name of the controlling owner of the given kind (ownerReferences[].controller). */
export function controllerName(meta: RawObjectMeta | undefined, kind: string): string | null {
  const owner = meta?.ownerReferences?.find((ref) => ref.controller === true && ref.kind === kind);
  return owner?.name ?? null;
}

/** An integer annotation such as deployment.kubernetes.io/revision, or null. */
export function intAnnotation(meta: RawObjectMeta | undefined, key: string): number | null {
  const text = meta?.annotations?.[key];
  if (text === undefined || !/^\d+$/.test(text)) return null;
  return Number(text);
}

function conditionStatus(status: string | undefined): ConditionSummary['status'] {
  return status === 'True' || status === 'False' ? status : 'Unknown';
}

export function toConditions(conditions: readonly RawCondition[] | undefined): ConditionSummary[] {
  return (conditions ?? []).map((c) => ({
    type: c.type ?? '',
    status: conditionStatus(c.status),
    reason: c.reason || null,
    message: c.message || null,
    lastTransitionTime: toIso(c.lastTransitionTime),
  }));
}

export function findCondition<T extends { type: string }>(conditions: readonly T[], type: string): T | null {
  return conditions.find((c) => c.type === type) ?? null;
}

// The probe-failure endpoints a Deployment lets Podium call on its pods (through pods/proxy),
// declared by the annotation podium.dev/endpoints. The annotation is written by whoever can edit
// the Deployment, and Podium turns it into URLs, so every entry is validated and bad ones dropped.
import { z } from 'zod';
import type { PodEndpoint } from './types';

export const ENDPOINTS_ANNOTATION = 'podium.dev/endpoints';

/** The demo app's endpoints (story 000): /inemuri hangs it so liveness fails, /seppuku makes it exit. */
export const DEFAULT_POD_ENDPOINTS: readonly PodEndpoint[] = [
  { id: 'inemuri', label: 'Hang (liveness fails)', path: '/inemuri', port: null },
  { id: 'seppuku', label: 'Crash', path: '/seppuku', port: null },
];

const MAX_ENDPOINTS = 20;

const endpointSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  label: z.string().trim().min(1).max(80).optional(),
  // no "..": pods/proxy would resolve it, and the path must stay the one the annotation names
  path: z
    .string()
    .max(256)
    .regex(/^\/[A-Za-z0-9._~/-]*$/)
    .refine((path) => !path.includes('..')),
  port: z.number().int().min(1).max(65535).nullable().optional(),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Endpoints from the annotation value; the defaults when there is no annotation. A present
 * annotation is the owner's whole list, so when it is not a JSON array Podium offers nothing
 * rather than endpoints the owner did not ask for.
 */
export function parsePodEndpoints(annotation: string | undefined): PodEndpoint[] {
  if (annotation === undefined) return DEFAULT_POD_ENDPOINTS.map((e) => ({ ...e }));
  const value = parseJson(annotation);
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const endpoints: PodEndpoint[] = [];
  for (const entry of value) {
    const parsed = endpointSchema.safeParse(entry);
    if (!parsed.success || seen.has(parsed.data.id)) continue;
    seen.add(parsed.data.id);
    const { id, label, path, port } = parsed.data;
    endpoints.push({ id, label: label ?? id, path, port: port ?? null });
    if (endpoints.length === MAX_ENDPOINTS) break;
  }
  return endpoints;
}

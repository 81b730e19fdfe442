import { z } from 'zod';

// Names as Kubernetes validates them, checked before any request reaches the API server.
// https://kubernetes.io/docs/concepts/overview/working-with-objects/names/

/** RFC 1123 label: namespaces, services. */
export const dnsLabel = z
  .string()
  .min(1, 'must not be empty')
  .max(63, 'must be at most 63 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be lower-case letters, digits and "-", starting and ending with a letter or digit');

/** RFC 1123 subdomain: deployments, pods, most object names. */
export const dnsSubdomain = z
  .string()
  .min(1, 'must not be empty')
  .max(253, 'must be at most 253 characters')
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    'must be lower-case letters, digits, "-" and ".", starting and ending with a letter or digit',
  );

export const namespaceName = dnsLabel;
export const objectName = dnsSubdomain;

/** The first problem of a failed parse as one sentence, e.g. "namespace: must not be empty". */
export function describeIssue(error: z.ZodError, field?: string): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  const path = issue.path.length ? issue.path.join('.') : field;
  return path ? `${path}: ${issue.message}` : issue.message;
}

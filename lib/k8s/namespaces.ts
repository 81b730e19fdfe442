import 'server-only';
import { getConfig, namespaceAllowed } from '../config';
import { k8sRequest } from './client';

/**
 * Namespaces the user may open: the allowlist when one is set (no cluster-wide list needed, so a
 * service account limited to its namespaces still works), else every namespace the API lists.
 */
export async function listNamespaces(): Promise<string[]> {
  const { namespaces } = getConfig();
  const exact = namespaces.filter((n) => !n.endsWith('*'));
  if (exact.length === namespaces.length && exact.length > 0) return [...exact].sort();
  const list = await k8sRequest<{ items: { metadata: { name: string } }[] }>('/api/v1/namespaces', {
    what: 'list namespaces',
  });
  return list.items
    .map((n) => n.metadata.name)
    .filter((n) => namespaceAllowed(n, namespaces))
    .sort();
}

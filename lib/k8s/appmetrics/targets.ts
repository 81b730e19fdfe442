import 'server-only';
import type { RawPod } from '../../models/pod';
import { k8sRequest } from '../client';
import { K8sError } from '../errors';
import { buildPodProxyPath, listPods } from '../pods';

// What a Deployment's pods declare to be scraped: only what the pod itself says. The
// prometheus.io/* convention of Prometheus' kubernetes_sd example config, or Podium's own
// podium.dev/metrics-* annotations for a team that keeps prometheus.io for its Prometheus. Nothing
// of it comes from the browser.
// https://github.com/prometheus/prometheus/blob/main/documentation/examples/prometheus-kubernetes.yml

export interface ScrapeTarget {
  pod: string;
  /** the pod's pod-template-hash: its version */
  version: string;
  deployment: string;
  podIP: string | null;
  port: number;
  path: string;
}

interface RawDeploymentSelector {
  spec?: { selector?: { matchLabels?: Record<string, string> } };
}

function annotation(pod: RawPod, key: string): string | undefined {
  const a = pod.metadata?.annotations ?? {};
  return a[`podium.dev/metrics-${key}`] ?? a[`prometheus.io/${key}`];
}

/** The pod's declared target, or null when it declares none (or not a usable one). */
export function targetOf(pod: RawPod, namespace: string, deployment: string): ScrapeTarget | null {
  const scrape = annotation(pod, 'scrape');
  if (scrape !== 'true') return null;
  const name = pod.metadata?.name;
  const hash = pod.metadata?.labels?.['pod-template-hash'];
  if (!name || !hash || pod.status?.phase !== 'Running') return null;
  const firstPort = pod.spec?.containers
    ?.flatMap((c) => c.ports ?? [])
    .find((p) => p.containerPort)?.containerPort;
  const port = Number(annotation(pod, 'port') ?? firstPort);
  const path = annotation(pod, 'path') ?? '/metrics';
  try {
    buildPodProxyPath(namespace, name, port, path);
  } catch {
    return null;
  }
  return { pod: name, version: hash, deployment, podIP: pod.status?.podIP ?? null, port, path };
}

/** The Deployment's running pods that declare a metrics endpoint (its own pods only, by owner). */
export async function scrapeTargets(
  namespace: string,
  deployment: string,
): Promise<{ targets: ScrapeTarget[]; pods: number }> {
  let dep: RawDeploymentSelector;
  try {
    dep = await k8sRequest<RawDeploymentSelector>(
      `/apis/apps/v1/namespaces/${namespace}/deployments/${deployment}`,
      {
        what: `get deployment ${deployment}`,
      },
    );
  } catch (err) {
    if (err instanceof K8sError && err.status === 404)
      throw new K8sError(
        404,
        'NoSuchDeployment',
        `deployment ${deployment} not found in namespace ${namespace}`,
      );
    throw err;
  }
  const labels = dep.spec?.selector?.matchLabels ?? {};
  const selector = Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const pods = (await listPods(namespace, selector || undefined)).filter((p) => {
    const owner = p.metadata?.ownerReferences?.find((o) => o.controller && o.kind === 'ReplicaSet')?.name;
    const hash = p.metadata?.labels?.['pod-template-hash'];
    return owner !== undefined && owner === `${deployment}-${hash}` && !p.metadata?.deletionTimestamp;
  });
  const targets = pods.flatMap((p) => targetOf(p, namespace, deployment) ?? []);
  return { targets, pods: pods.length };
}

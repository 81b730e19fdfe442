// Test helper: thousands of cheap pods. The local cluster's three kwok nodes take 500 pods each, so
// a large test brings its own kwok nodes (annotation kwok.x-k8s.io/node=fake, which kwok manages),
// tainted so that no other test's pod lands on them, and one Deployment that tolerates the taint and
// selects them. The pods are created by scaling that Deployment (the ReplicaSet controller makes
// them), never by one POST per pod. Delete the namespace and the nodes afterwards.
import { kubectl, kubectlJson, waitFor } from './cluster';

const LABEL = 'podium.dev/large-test';

export interface LargeNodes {
  tag: string;
  names: string[];
}

/** `count` kwok nodes for `podsPerNode` pods each, labelled and tainted with the tag. */
export async function createLargeNodes(tag: string, count: number, podsPerNode: number): Promise<LargeNodes> {
  const names = Array.from({ length: count }, (_, i) => `${tag}-node-${i}`);
  // /20 pod CIDRs inside the kwok pods' 10.244.0.0/16, above the built-in nodes' /24s: 4,094 IPs each
  const yaml = names
    .map(
      (name, i) => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
  annotations: {kwok.x-k8s.io/node: fake, node.alpha.kubernetes.io/ttl: "0"}
  labels: {kubernetes.io/hostname: ${name}, kubernetes.io/os: linux, kubernetes.io/arch: amd64, ${LABEL}: ${tag}}
spec:
  podCIDR: 10.244.${16 * (i + 1)}.0/20
  podCIDRs: [10.244.${16 * (i + 1)}.0/20]
  taints: [{key: ${LABEL}, value: ${tag}, effect: NoSchedule}]
status:
  allocatable: {cpu: "1000", memory: 4Ti, pods: "${podsPerNode}"}
  capacity: {cpu: "1000", memory: 4Ti, pods: "${podsPerNode}"}
`,
    )
    .join('---\n');
  await kubectl(['apply', '-f', '-'], yaml);
  await waitFor(
    `${count} kwok nodes Ready`,
    async () => {
      const list = await kubectlJson<{
        items: { status?: { conditions?: { type: string; status: string }[] } }[];
      }>(['get', 'nodes', '-l', `${LABEL}=${tag}`]);
      const ready = list.items.filter((n) =>
        n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      );
      return ready.length === count;
    },
    60_000,
    500,
  );
  return { tag, names };
}

export async function deleteLargeNodes(nodes: LargeNodes): Promise<void> {
  await kubectl(['delete', 'nodes', '-l', `${LABEL}=${nodes.tag}`, '--wait=false']).catch(() => undefined);
}

/** A Deployment of process-less pods pinned to the tagged kwok nodes: no usage, no probes, tiny. */
export function largeDeploymentYaml(name: string, replicas: number, tag: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      nodeSelector: {${LABEL}: ${tag}}
      tolerations: [{key: ${LABEL}, operator: Equal, value: ${tag}, effect: NoSchedule}]
      containers:
      - name: app
        image: podium-demo:1.0.0
`;
}

interface DeploymentStatus {
  spec?: { replicas?: number };
  status?: { replicas?: number; readyReplicas?: number; updatedReplicas?: number };
}

export async function scaleDeployment(ns: string, name: string, replicas: number): Promise<void> {
  await kubectl(['-n', ns, 'scale', `deployment/${name}`, `--replicas=${replicas}`]);
}

/**
 * Removes the namespace's pods without waiting for kwok, which acknowledges graceful deletions only
 * a few a second: its Deployments scaled to 0, then DeleteCollection with gracePeriodSeconds=0,
 * which the API server carries out itself. It ends a request after 60 s, when it may not have got
 * through thousands of pods on a busy machine, so it is asked again (at most `rounds` times) until
 * none is left. For test pods only.
 */
export async function removePodsNow(ns: string, rounds = 20): Promise<void> {
  await kubectl(['-n', ns, 'scale', 'deployment', '--all', '--replicas=0']).catch(() => undefined);
  for (let i = 0; i < rounds; i++) {
    const left = await kubectl(['-n', ns, 'get', 'pods', '-o', 'name']).catch(() => '');
    if (left.trim() === '') return;
    await kubectl(['delete', '--raw', `/api/v1/namespaces/${ns}/pods?gracePeriodSeconds=0`]).catch(
      () => undefined,
    );
  }
}

/** Waits until the Deployment has `replicas` pods, whatever their state; returns how long it took (ms). */
export async function waitForPods(
  ns: string,
  name: string,
  replicas: number,
  timeoutMs: number,
): Promise<number> {
  const start = Date.now();
  await waitFor(
    `${replicas} pods of ${ns}/${name}`,
    async () =>
      (await kubectlJson<DeploymentStatus>(['-n', ns, 'get', 'deployment', name])).status?.replicas ===
      replicas,
    timeoutMs,
    2_000,
  );
  return Date.now() - start;
}

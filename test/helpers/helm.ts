// Test helper: Podium's Helm chart (deploy/helm/podium) and the Helm that scripts/cluster/helm.sh
// builds from Go modules (once, into ~/.cache/podium/cluster/helm-<key>/helm; scripts/test.sh builds
// it before the integration tests). Every call talks to the local cluster's kubeconfig.
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { KUBECONFIG, ROOT } from './cluster';

const run = promisify(execFile);
export const CHART = join(ROOT, 'deploy/helm/podium');
export const KUSTOMIZE = join(ROOT, 'deploy/kustomize');

let path: string | undefined;
/** The helm binary; builds it if it is not built yet (minutes, the first time on a machine). */
export function helmPath(): string {
  path ??= execFileSync('bash', [join(ROOT, 'scripts/cluster/helm.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  return path;
}

export async function helm(args: string[]): Promise<string> {
  const { stdout } = await run(helmPath(), ['--kubeconfig', KUBECONFIG, ...args], { maxBuffer: 64 << 20 });
  return stdout;
}

/** `helm template` of the chart as release `release` in `namespace`, with --set values. */
export function template(namespace: string, set: string[] = [], release = 'podium'): Promise<string> {
  return helm(['template', release, CHART, '--namespace', namespace, ...set.flatMap((s) => ['--set', s])]);
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

export function objects(yaml: string): K8sObject[] {
  return parseAllDocuments(yaml)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

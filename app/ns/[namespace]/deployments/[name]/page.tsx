import { DeploymentView } from '@/components/views/deployment-view';
import { prometheusUrl } from '@/lib/k8s/prometheus/client';
import { deploymentParams } from './params';

export default async function DeploymentPage({
  params,
}: {
  params: Promise<{ namespace: string; name: string }>;
}) {
  return <DeploymentView {...await deploymentParams(params)} prometheus={prometheusUrl() !== null} />;
}

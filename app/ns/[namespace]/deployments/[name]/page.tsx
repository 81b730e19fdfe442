import { DeploymentView } from '@/components/views/deployment-view';
import { deploymentParams } from './params';

export default async function DeploymentPage({
  params,
}: {
  params: Promise<{ namespace: string; name: string }>;
}) {
  return <DeploymentView {...await deploymentParams(params)} />;
}

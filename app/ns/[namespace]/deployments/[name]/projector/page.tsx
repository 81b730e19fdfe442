import { ProjectorView } from '@/components/classroom/projector-view';
import { deploymentParams } from '../params';

export default async function ProjectorPage({
  params,
}: {
  params: Promise<{ namespace: string; name: string }>;
}) {
  return <ProjectorView {...await deploymentParams(params)} />;
}

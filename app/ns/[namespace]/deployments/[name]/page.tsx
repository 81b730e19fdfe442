import { notFound } from 'next/navigation';
import { DeploymentView } from '@/components/views/deployment-view';
import { objectName } from '@/lib/validation';

export default async function DeploymentPage({
  params,
}: {
  params: Promise<{ namespace: string; name: string }>;
}) {
  const { namespace, name } = await params;
  if (!objectName.safeParse(name).success) notFound();
  return <DeploymentView namespace={namespace} name={name} />;
}

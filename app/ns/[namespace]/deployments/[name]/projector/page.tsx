import { notFound } from 'next/navigation';
import { ProjectorView } from '@/components/classroom/projector-view';
import { objectName } from '@/lib/validation';

export default async function ProjectorPage({
  params,
}: {
  params: Promise<{ namespace: string; name: string }>;
}) {
  const { namespace, name } = await params;
  if (!objectName.safeParse(name).success) notFound();
  return <ProjectorView namespace={namespace} name={name} />;
}

import { notFound } from 'next/navigation';
import { objectName } from '@/lib/validation';

/** The deployment pages' parameters; a name Kubernetes would refuse is a 404 (app/not-found.tsx). */
export async function deploymentParams(params: Promise<{ namespace: string; name: string }>) {
  const { namespace, name } = await params;
  if (!objectName.safeParse(name).success) notFound();
  return { namespace, name };
}

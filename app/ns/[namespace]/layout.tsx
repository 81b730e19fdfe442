import { notFound } from 'next/navigation';
import { AppHeader } from '@/components/layout/app-header';
import { ConnectionProblem } from '@/components/layout/connection-indicator';
import { LiveProvider } from '@/components/live/live-provider';
import { getConfig, namespaceAllowed } from '@/lib/config';
import { namespaceName } from '@/lib/validation';

export default async function NamespaceLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ namespace: string }>;
}) {
  const { namespace } = await params;
  if (!namespaceName.safeParse(namespace).success || !namespaceAllowed(namespace, getConfig().namespaces))
    notFound();
  return (
    <LiveProvider namespace={namespace}>
      <AppHeader namespace={namespace} />
      <ConnectionProblem namespace={namespace} />
      <main className="mx-auto max-w-screen-2xl px-6 py-6">{children}</main>
    </LiveProvider>
  );
}

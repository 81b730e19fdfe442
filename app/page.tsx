import Link from 'next/link';
import { redirect } from 'next/navigation';
import { ClusterProblem } from '@/components/layout/cluster-problem';
import { getConfig } from '@/lib/config';
import { getCluster } from '@/lib/k8s/client';
import { K8sError } from '@/lib/k8s/errors';
import { listNamespaces } from '@/lib/k8s/namespaces';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const { defaultNamespace } = getConfig();
  let namespaces: string[];
  try {
    namespaces = await listNamespaces();
  } catch (err) {
    const e = err instanceof K8sError ? err : new K8sError(500, 'InternalError', String(err));
    const source = getCluster().source;
    // The page shows the configuration on its own line: do not repeat it inside the message.
    const message = e.message.replace(` (tried ${source})`, '');
    return <ClusterProblem source={source} message={message} status={e.status} />;
  }
  if (defaultNamespace && namespaces.includes(defaultNamespace)) redirect(`/ns/${defaultNamespace}`);
  return (
    <main className="mx-auto max-w-3xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Podium</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        Pick a namespace to watch its deployments, pods, scaling and canaries live.
      </p>
      <ul data-testid="namespace-list" className="mt-8 grid grid-cols-1 gap-3 sm:grid-cols-2">
        {namespaces.map((n) => (
          <li key={n}>
            <Link
              href={`/ns/${n}`}
              className="block rounded-lg border border-slate-200 bg-white px-4 py-3 font-medium shadow-sm hover:border-indigo-400 dark:border-slate-800 dark:bg-slate-900"
            >
              {n}
            </Link>
          </li>
        ))}
      </ul>
      {namespaces.length === 0 && (
        <p className="mt-8 text-slate-600">
          No namespace is visible with this configuration (check PODIUM_NAMESPACES).
        </p>
      )}
    </main>
  );
}

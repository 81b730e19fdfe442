'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

const RETRY_S = 5;

/** Shown instead of a blank page when no cluster answers: what was tried, what failed; retries. */
export function ClusterProblem({
  source,
  message,
  status,
}: {
  source: string;
  message: string;
  status: number;
}) {
  const router = useRouter();
  const [left, setLeft] = useState(RETRY_S);
  useEffect(() => {
    const t = setInterval(() => {
      setLeft((s) => {
        if (s <= 1) {
          router.refresh();
          return RETRY_S;
        }
        return s - 1;
      });
    }, 1000);
    return () => clearInterval(t);
  }, [router]);
  return (
    <main className="mx-auto max-w-2xl px-6 py-16" data-testid="cluster-problem">
      <h1 className="text-2xl font-semibold">Podium cannot reach a Kubernetes cluster</h1>
      <dl className="mt-6 space-y-3 rounded-lg border border-red-200 bg-red-50 p-4 text-sm dark:border-red-900 dark:bg-red-950">
        <div>
          <dt className="font-medium">Configuration tried</dt>
          <dd className="font-mono">{source}</dd>
        </div>
        <div>
          <dt className="font-medium">What failed{status === 403 ? ' (permission)' : ''}</dt>
          <dd>{message}</dd>
        </div>
      </dl>
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
        Retrying in {left} s. Set KUBECONFIG (and PODIUM_CONTEXT) to point Podium at your cluster, or start
        the built-in one with <code className="font-mono">npm run cluster:up</code>.
      </p>
    </main>
  );
}

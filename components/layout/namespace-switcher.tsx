'use client';
import { useRouter } from 'next/navigation';
import useSWR from 'swr';
import { getJson } from '@/lib/api/get-json';

/** The namespace picker in the header: the namespaces Podium may show (allowlist honoured server-side). */
export function NamespaceSwitcher({ current }: { current: string }) {
  const router = useRouter();
  const { data } = useSWR<{ namespaces: string[] }>('/api/namespaces', getJson, { revalidateOnFocus: false });
  const names = data?.namespaces ?? [current];
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-500 dark:text-slate-400">Namespace</span>
      <select
        data-testid="namespace-switcher"
        value={current}
        onChange={(e) => router.push(`/ns/${encodeURIComponent(e.target.value)}`)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 font-medium dark:border-slate-700 dark:bg-slate-900"
      >
        {(names.includes(current) ? names : [current, ...names]).map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

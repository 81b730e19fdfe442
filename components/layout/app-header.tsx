import Link from 'next/link';
import { ConnectionIndicator } from './connection-indicator';
import { NamespaceSwitcher } from './namespace-switcher';

export function AppHeader({ namespace }: { namespace: string }) {
  const base = `/ns/${encodeURIComponent(namespace)}`;
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/90">
      <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-6 gap-y-2 px-6 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
          <span
            aria-hidden
            className="inline-block h-5 w-5 rounded bg-gradient-to-br from-indigo-500 to-sky-400"
          />
          Podium
        </Link>
        <NamespaceSwitcher current={namespace} />
        <nav className="flex items-center gap-4 text-sm">
          <Link href={base} className="hover:underline">
            Overview
          </Link>
          <Link href={`${base}/lessons`} className="hover:underline">
            Lessons
          </Link>
        </nav>
        <div className="ml-auto">
          <ConnectionIndicator namespace={namespace} />
        </div>
      </div>
    </header>
  );
}

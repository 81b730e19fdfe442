import Link from 'next/link';

/** An address Podium has no page for, or a namespace it may not show (PODIUM_NAMESPACES). */
export default function NotFound() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16" data-testid="not-found">
      <h1 className="text-2xl font-semibold">Podium has nothing at this address</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">
        The namespace may not be one Podium is allowed to show (PODIUM_NAMESPACES), the name may not be a
        valid Kubernetes name, or the lesson may not exist. Deployments that are merely missing show their own
        page, and appear there as soon as they are created.
      </p>
      <Link
        href="/"
        className="mt-6 inline-block text-sm text-indigo-600 hover:underline dark:text-indigo-400"
      >
        Choose a namespace
      </Link>
    </main>
  );
}

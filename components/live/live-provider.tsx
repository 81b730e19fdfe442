'use client';
import { usePathname } from 'next/navigation';
import { useLiveStream } from '@/lib/hooks/use-live-stream';
import { scopeOfPath, streamScopeUrl } from '@/lib/models/stream-scope';

/** Opens the tab's one live stream for the namespace; everything below reads from it. */
export function LiveProvider({ namespace, children }: { namespace: string; children: React.ReactNode }) {
  // the stream sized for the page (lib/models/stream-scope.ts): a deployment's pods, or the overview's counts
  useLiveStream(namespace, streamScopeUrl(scopeOfPath(namespace, usePathname())));
  return <>{children}</>;
}

'use client';
import { useLiveStream } from '@/lib/hooks/use-live-stream';

/** Opens the tab's one live stream for the namespace; everything below reads from it. */
export function LiveProvider({ namespace, children }: { namespace: string; children: React.ReactNode }) {
  useLiveStream(namespace);
  return <>{children}</>;
}

'use client';
import { usePathname } from 'next/navigation';
import { Activity } from 'react';
import { useLiveStream } from '@/lib/hooks/use-live-stream';
import { useTabVisible } from '@/lib/hooks/use-tab-visible';
import { scopeOfPath, streamScopeUrl } from '@/lib/models/stream-scope';

/**
 * Joins the browser's live stream for the namespace; everything below reads from it. While the tab
 * is hidden the stream keeps filling the cache, but nothing below renders: a hidden <Activity>
 * disconnects its subtree's subscriptions and effects (timers included) and keeps its state, so the
 * tab renders once, with the latest data, when it is shown again.
 */
export function LiveProvider({ namespace, children }: { namespace: string; children: React.ReactNode }) {
  // the stream sized for the page (lib/models/stream-scope.ts): a deployment's pods, or the overview's counts
  useLiveStream(namespace, streamScopeUrl(scopeOfPath(namespace, usePathname())));
  const visible = useTabVisible();
  return <Activity mode={visible ? 'visible' : 'hidden'}>{children}</Activity>;
}

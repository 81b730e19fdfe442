'use client';

import { Fragment, useSyncExternalStore, type ReactNode } from 'react';
import { CopyLine } from '@/components/lessons/kubectl-hint';
import { cn } from '@/components/ui/cn';
import { useSession } from '@/lib/hooks/use-session';

const noChange = () => () => {};

/** A URL that may wrap after each "/" rather than inside a word. */
function breakable(url: string): ReactNode {
  return url.split('/').map((part, i) => (
    <Fragment key={i}>
      {i > 0 ? '/' : null}
      {i > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}

/** This site's origin as the browser sees it ('' while rendering on the server). */
function useOrigin(): string {
  return useSyncExternalStore(
    noChange,
    () => window.location.origin,
    () => '',
  );
}

/**
 * The link students open on their own screens: the normal deployment page. Whether they can act
 * there is the server's decision (PODIUM_ACTION_TOKEN, PODIUM_READ_ONLY); this says which it is.
 */
export function StudentLink({ namespace, name }: { namespace: string; name: string }) {
  const origin = useOrigin();
  const { session } = useSession();
  const url = `${origin}/ns/${encodeURIComponent(namespace)}/deployments/${encodeURIComponent(name)}`;
  const mode = !session
    ? 'unknown'
    : session.readOnly
      ? 'read-only'
      : session.actionTokenRequired
        ? 'token'
        : 'open';
  const text: Record<typeof mode, string> = {
    unknown: 'Checking whether students can act…',
    'read-only': 'Podium is read-only: everyone with this link watches, nobody can act.',
    token: `Watch-only: actions need the action token, and the server refuses them without it${session?.unlocked ? ' (this browser has it)' : ''}.`,
    open: 'Anyone with this link can also act: set PODIUM_ACTION_TOKEN to make it watch-only.',
  };
  return (
    <div data-testid="student-link" data-mode={mode} className="min-w-0 space-y-1">
      <p className="text-sm font-semibold">Follow along on your own screen</p>
      {origin ? (
        <CopyLine
          text={url}
          shown={breakable(url.replace(/^https?:\/\//, ''))}
          label="Copy link"
          testId="student-link-url"
        />
      ) : null}
      <p
        className={cn('text-sm', mode === 'open' ? 'font-medium text-amber-800' : 'text-slate-700')}
        data-testid="student-link-mode"
      >
        {text[mode]}
      </p>
    </div>
  );
}

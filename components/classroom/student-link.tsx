'use client';

import { Fragment, useState, type ReactNode } from 'react';
import useSWR from 'swr';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { getJson } from '@/lib/api/get-json';
import { useSession } from '@/lib/hooks/use-session';
import type { StudentLinkInfo } from '@/lib/models/contract';

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

type Mode = 'unknown' | 'read-only' | 'class' | 'token' | 'open';

const MODE_TEXT: Record<Mode, string> = {
  unknown: 'Checking whether students can act…',
  'read-only': 'Podium is read-only: everyone with this link watches, nobody can act.',
  class:
    'Students watch: they see no action, and the server refuses actions without the token printed on the teacher’s terminal.',
  token: 'Watch-only: actions need the action token, and the server refuses them without it.',
  open: 'Anyone with this link can also act: set PODIUM_ACTION_TOKEN to make it watch-only.',
};

/**
 * The link students open on their own laptops for the page `path`, with its QR code. The server
 * chooses the address (GET /api/class: the class address or this machine's LAN address in class
 * mode, never a loopback one) and draws the QR code as SVG (GET /api/class/qr), so no QR library
 * reaches the browser. Whether students can act there is the server's decision too; this says which.
 */
export function StudentLink({ path }: { path: string }) {
  const query = `?path=${encodeURIComponent(path)}`;
  const { data: link, error } = useSWR<StudentLinkInfo>(`/api/class${query}`, getJson, {
    revalidateOnFocus: false,
  });
  const { session } = useSession();
  const [big, setBig] = useState(false);
  const mode: Mode = !session
    ? 'unknown'
    : session.readOnly
      ? 'read-only'
      : session.classMode
        ? 'class'
        : session.actionTokenRequired
          ? 'token'
          : 'open';
  const url = link?.url ?? null;
  const qr = `/api/class/qr${query}`;

  return (
    <div
      data-testid="student-link"
      data-mode={mode}
      data-url={url ?? undefined}
      className="flex min-w-0 items-start gap-4"
    >
      {url ? (
        <button
          type="button"
          onClick={() => setBig(true)}
          title="Show the QR code full screen"
          className="shrink-0 rounded-md border-2 border-slate-300 bg-white p-1"
        >
          {/* eslint-disable-next-line @next/next/no-img-element -- an SVG drawn per request by our own route; nothing to optimise */}
          <img src={qr} alt={`QR code of ${url}`} data-testid="student-link-qr" className="size-56" />
        </button>
      ) : null}
      <div className="min-w-0 flex-1 space-y-1">
        <p className="text-base font-semibold">Follow along on your own screen{url ? ': open' : ''}</p>
        {url ? (
          <>
            <p
              data-testid="student-link-url"
              className="font-mono text-xl leading-snug font-bold [overflow-wrap:anywhere] select-all 2xl:text-2xl"
            >
              {breakable(url.replace(/^https?:\/\//, ''))}
            </p>
            {link?.alternatives.length ? (
              <p className="text-xs text-slate-600" data-testid="student-link-alternatives">
                Also: {link.alternatives.map((a) => a.replace(/^https?:\/\//, '')).join(' · ')}
              </p>
            ) : null}
          </>
        ) : link || error ? (
          <p data-testid="student-link-none" className="text-sm font-medium text-amber-800">
            No link for students: {link?.reason ?? error?.message}
          </p>
        ) : (
          <p className="text-sm text-slate-600">Finding the address students can open…</p>
        )}
        {url ? (
          <p
            className={cn('text-sm', mode === 'open' ? 'font-medium text-amber-800' : 'text-slate-700')}
            data-testid="student-link-mode"
          >
            {MODE_TEXT[mode]}
            {session?.unlocked && session.actionTokenRequired ? ' This browser has the token.' : ''}
          </p>
        ) : null}
      </div>
      {big && url ? (
        <div
          role="dialog"
          aria-label="QR code of the student link"
          data-testid="student-link-qr-big"
          onClick={() => setBig(false)}
          className="fixed inset-0 z-50 flex flex-col items-center justify-center gap-4 bg-white p-6"
        >
          {/* eslint-disable-next-line @next/next/no-img-element -- the same SVG, full screen */}
          <img src={qr} alt={`QR code of ${url}`} className="h-[75vh] w-[75vh] max-w-full" />
          <p className="text-3xl font-bold break-all">{url.replace(/^https?:\/\//, '')}</p>
          <Button variant="ghost" onClick={() => setBig(false)}>
            Close
          </Button>
        </div>
      ) : null}
    </div>
  );
}

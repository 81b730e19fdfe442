'use client';
import { useCallback, useEffect, useRef, useState, type ComponentProps, type ReactNode } from 'react';
import { OffscreenContext } from './offscreen';

// The browser skips the style, layout, paint and raster of what is in this block while it is far
// from the viewport (CSS `content-visibility: auto`), and does them when it comes near. A live page
// changes below the fold too (the pod table, the events, the logs): without this, every change
// repainted and re-rastered those parts in every visible tab (docs/performance.md, "Twenty visible
// tabs"). The content stays in the DOM: find in page, the accessibility tree and links to it work.
// `estimate` holds the place of a block not yet drawn; once drawn, its last size is kept (`auto`).
// Paint containment clips at the block's edge: the clip margin keeps the cards' shadows.
//
// While the browser skips the block, React renders its changes at most every SKIPPED_EVERY_MS, in a
// render of their own after the rest of the page's: a change's commit is the part in view (a new
// pod's tile), and a burst of changes costs the blocks below the fold one render, not one each.
// Every skipped block of the page catches up in the same render (one timer). Not a transition: an
// interruptible render under churn would be thrown away and started again at every change. When
// the block comes near, it renders what it holds now at once (docs/performance.md, "What is in view
// first"). The live clocks inside stop while it is skipped (OffscreenContext, ./offscreen.ts).

export const SKIPPED_EVERY_MS = 500;

// one timer for every skipped block of the page: their catch-up is one render and one commit
const due = new Set<() => void>();
let dueTimer: ReturnType<typeof setTimeout> | null = null;
function catchUpLater(update: () => void): void {
  due.add(update);
  dueTimer ??= setTimeout(() => {
    dueTimer = null;
    const updates = [...due];
    due.clear();
    updates.forEach((u) => u());
  }, SKIPPED_EVERY_MS);
}

export function SkipOffscreen({
  estimate = '30rem',
  style,
  children,
  ...rest
}: ComponentProps<'div'> & { estimate?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const latest = useRef<ReactNode>(children);
  const [skipped, setSkipped] = useState(false);
  // what the block shows while skipped: the children of its last render, SKIPPED_EVERY_MS at most
  const [held, setHeld] = useState<ReactNode>(children);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onChange = (e: Event) => {
      const now = (e as Event & { skipped?: boolean }).skipped === true;
      setHeld(latest.current);
      setSkipped(now);
    };
    el.addEventListener('contentvisibilityautostatechange', onChange);
    return () => el.removeEventListener('contentvisibilityautostatechange', onChange);
  }, []);
  const catchUp = useCallback(() => setHeld(latest.current), []);
  useEffect(() => {
    latest.current = children;
    if (skipped && held !== children) catchUpLater(catchUp);
  });
  useEffect(() => () => void due.delete(catchUp), [catchUp]);

  return (
    <div
      ref={ref}
      style={{
        contentVisibility: 'auto',
        containIntrinsicSize: `auto ${estimate}`,
        overflowClipMargin: '0.5rem',
        ...style,
      }}
      {...rest}
    >
      <OffscreenContext value={skipped}>{skipped ? held : children}</OffscreenContext>
    </div>
  );
}

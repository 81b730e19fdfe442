'use client';
import { useDeferredValue, useEffect, useRef, useState, type ComponentProps } from 'react';

// The browser skips the style, layout, paint and raster of what is in this block while it is far
// from the viewport (CSS `content-visibility: auto`), and does them when it comes near. A live page
// changes below the fold too (the pod table, the events, the logs): without this, every change
// repainted and re-rastered those parts in every visible tab (docs/performance.md, "Twenty visible
// tabs"). The content stays in the DOM: find in page, the accessibility tree and links to it work.
// `estimate` holds the place of a block not yet drawn; once drawn, its last size is kept (`auto`).
// Paint containment clips at the block's edge: the clip margin keeps the cards' shadows.
//
// While the browser skips the block, React renders its changes after the rest of the page's: its
// children are a deferred value, so a change's first render and commit are those of the parts in
// view (a new pod's tile), and the block's follow at once in a render of their own (docs/performance.md,
// "What is in view first").

export function SkipOffscreen({
  estimate = '30rem',
  style,
  children,
  ...rest
}: ComponentProps<'div'> & { estimate?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [skipped, setSkipped] = useState(false);
  const later = useDeferredValue(children);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onChange = (e: Event) => setSkipped((e as Event & { skipped?: boolean }).skipped === true);
    el.addEventListener('contentvisibilityautostatechange', onChange);
    return () => el.removeEventListener('contentvisibilityautostatechange', onChange);
  }, []);
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
      {skipped ? later : children}
    </div>
  );
}

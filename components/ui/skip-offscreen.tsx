import type { ComponentProps } from 'react';

// The browser skips the style, layout, paint and raster of what is in this block while it is far
// from the viewport (CSS `content-visibility: auto`), and does them when it comes near. A live page
// changes below the fold too (the pod table, the events, the logs): without this, every change
// repainted and re-rastered those parts in every visible tab (docs/performance.md, "Twenty visible
// tabs"). The content stays in the DOM: find in page, the accessibility tree and links to it work.
// `estimate` holds the place of a block not yet drawn; once drawn, its last size is kept (`auto`).
// Paint containment clips at the block's edge: the clip margin keeps the cards' shadows.

export function SkipOffscreen({
  estimate = '30rem',
  style,
  ...rest
}: ComponentProps<'div'> & { estimate?: string }) {
  return (
    <div
      style={{
        contentVisibility: 'auto',
        containIntrinsicSize: `auto ${estimate}`,
        overflowClipMargin: '0.5rem',
        ...style,
      }}
      {...rest}
    />
  );
}

'use client';
import { useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { ChartSkeleton } from './chart-skeleton';

/**
 * Renders `children` once its place comes within `margin` of the viewport, and keeps them from then
 * on; the chart skeleton (same height) holds the place until then. Charts below the fold therefore
 * load recharts (about 110 KB gzip) only when the reader scrolls towards them, not with the page.
 */
export function WhenVisible({ children, margin = '0px' }: { children: ReactNode; margin?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setSeen(true);
          io.disconnect();
        }
      },
      { rootMargin: margin },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [seen, margin]);
  if (seen) return children;
  return (
    <div ref={ref}>
      <ChartSkeleton />
    </div>
  );
}

/** `Chart`, drawn only once it nears the viewport (see WhenVisible). */
export function onceVisible<P extends object>(Chart: ComponentType<P>): ComponentType<P> {
  function OnceVisible(props: P) {
    return (
      <WhenVisible>
        <Chart {...props} />
      </WhenVisible>
    );
  }
  OnceVisible.displayName = `OnceVisible(${Chart.displayName ?? Chart.name ?? 'Chart'})`;
  return OnceVisible;
}

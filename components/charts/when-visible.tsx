'use client';
import { useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react';
import { afterPaint } from './after-paint';
import { ChartSkeleton } from './chart-skeleton';
import { usePageDataShown } from './charts-after';

/** How long a chart in view waits for the page's first data before loading anyway (a kind the
 * viewer may not list never sends its first snapshot). */
const DATA_WAIT_MS = 5_000;

/**
 * Renders `children` once its place is within `margin` of the viewport after the page's first live
 * data is in (useHoldChartsWhile) AND has been painted (afterPaint), and keeps them from then on; the chart
 * skeleton (same height; it pulses only once the chart is in view) holds the place until then. recharts (about
 * 110 KB gzip, 376 KB decoded) is thereby asked for only after the page shows its live data, never
 * with the page's first load; below the fold, only when the reader scrolls towards it.
 */
export function WhenVisible({ children, margin = '0px' }: { children: ReactNode; margin?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [inView, setInView] = useState(false);
  const [waited, setWaited] = useState(false);
  const [drawn, setDrawn] = useState(false);
  const dataShown = usePageDataShown() || waited;
  // followed until the chart is drawn: while the page's data comes in kind by kind its height grows,
  // and a chart that was in view for a moment (the pods not there yet) must not load recharts
  useEffect(() => {
    const el = ref.current;
    if (drawn || !el) return;
    const io = new IntersectionObserver(
      (entries) => {
        const last = entries[entries.length - 1];
        if (last) setInView(last.isIntersecting);
      },
      { rootMargin: margin },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [drawn, margin]);
  useEffect(() => {
    if (!inView || dataShown) return;
    const t = setTimeout(() => setWaited(true), DATA_WAIT_MS);
    return () => clearTimeout(t);
  }, [inView, dataShown]);
  useEffect(() => {
    if (!inView || !dataShown || drawn) return;
    return afterPaint(() => setDrawn(true));
  }, [inView, dataShown, drawn]);
  if (drawn) return children;
  return (
    <div ref={ref}>
      <ChartSkeleton loading={inView} />
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

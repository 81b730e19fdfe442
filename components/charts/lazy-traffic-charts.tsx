'use client';

// The traffic charts, loaded on demand and once near the viewport like lazy-charts.tsx (recharts
// stays out of the first load).
import { lazyView } from './lazy-view';
import { onceVisible } from './when-visible';

/** A load run second by second; takes `points: LoadPoint[]`. */
export const LoadChart = onceVisible(lazyView(() => import('./load-chart').then((m) => m.LoadChartView)));

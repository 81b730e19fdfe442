// When a deployment page showed what: an init script (page.addInitScript) that notes, on the page's
// own clock (performance.now, ms since navigation), when the deployment header, the first pod tile
// and the first chart appeared, polling every 10 ms. Shared by bench/first-load.ts and
// test/e2e/charts.test.ts, which compare each script's request start (Resource Timing) with them.
import type { Page } from 'playwright-core';

/** The charts a deployment page can draw (components/charts/*: data-testid of the chart frame). */
export const CHART_SELECTOR = [
  'replicas-chart',
  'usage-chart-cpu',
  'usage-chart-memory',
  'hpa-chart',
  'load-chart',
]
  .map((id) => `[data-testid="${id}"]`)
  .join(', ');

export const FIRST_DATA_MARKS = `(() => {
  const t = setInterval(() => {
    const now = performance.now();
    if (!window.__firstData && document.querySelector('[data-testid="deployment-header"]')) window.__firstData = now;
    if (!window.__firstPod && document.querySelector('[data-pod]')) {
      window.__firstPod = now;
      const s = document.querySelector('[data-testid="chart-skeleton"]');
      window.__skeletonAtPod = s ? { label: s.getAttribute('aria-label'), role: s.getAttribute('role'), height: s.getBoundingClientRect().height } : null;
    }
    if (!window.__firstChart && document.querySelector(${JSON.stringify(CHART_SELECTOR)})) window.__firstChart = now;
    if (now > 120000 || (window.__firstData && window.__firstPod && window.__firstChart)) clearInterval(t);
  }, 10);
})()`;

export interface FirstDataMarks {
  firstData: number;
  firstPod: number;
  firstChart: number;
  /** the first chart skeleton as it was when the first pod tile appeared */
  skeletonAtPod: { label: string | null; role: string | null; height: number } | null;
  /** every resource the page asked for: [url, request start, bytes on the wire incl. headers] */
  starts: [string, number, number][];
}

/** The marks so far (NaN for what has not appeared), and each resource's request start. */
export async function readMarks(page: Page): Promise<FirstDataMarks> {
  return (await page.evaluate(`({
    firstData: window.__firstData ?? NaN,
    firstPod: window.__firstPod ?? NaN,
    firstChart: window.__firstChart ?? NaN,
    skeletonAtPod: window.__skeletonAtPod ?? null,
    starts: performance.getEntriesByType("resource").map((e) => [e.name, e.startTime, e.transferSize]),
  })`)) as FirstDataMarks;
}

/** The moment the page showed live data: the header and (when there is one) a pod tile. */
export const dataShownAt = (m: Pick<FirstDataMarks, 'firstData' | 'firstPod'>) =>
  Number.isFinite(m.firstPod) ? Math.max(m.firstData, m.firstPod) : m.firstData;

// AppSeries (one per version) -> the rows a time chart draws: one row per time, one column per
// version. Columns are named l0, l1, … (a version's text is the app's, and recharts reads dots in
// a dataKey as a path); their legend names say deployment and version.
import type { AppSeries } from './types';

export interface AppChartLine {
  key: string;
  name: string;
  deployment: string;
  version: string;
}

export interface AppChartRows {
  rows: ({ t: number } & Record<string, number | null>)[];
  lines: AppChartLine[];
}

/** Units of what a key charts, for the axis and the tooltip. */
export function unitOf(key: string): 'per-second' | 'seconds' | 'value' {
  if (key === 'requests' || key === 'errors') return 'per-second';
  if (key === 'p50' || key === 'p95') return 'seconds';
  return 'value';
}

export function appChartRows(series: readonly AppSeries[]): AppChartRows {
  const sorted = [...series].sort(
    (a, b) => a.deployment.localeCompare(b.deployment) || (a.points[0]?.[0] ?? 0) - (b.points[0]?.[0] ?? 0),
  );
  const lines = sorted.map((s, i) => ({
    key: `l${i}`,
    name: series.some((o) => o.deployment !== s.deployment) ? `${s.deployment} ${s.version}` : s.version,
    deployment: s.deployment,
    version: s.version,
  }));
  const byTime = new Map<number, Record<string, number | null>>();
  sorted.forEach((s, i) => {
    for (const [t, v] of s.points) {
      const row = byTime.get(t) ?? {};
      row[`l${i}`] = v;
      byTime.set(t, row);
    }
  });
  const rows = [...byTime.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, row]) => ({ t, ...Object.fromEntries(lines.map((l) => [l.key, row[l.key] ?? null])) }));
  return { rows, lines };
}

/** The newest value of each line, for the chart's accessible summary. */
export function latestByLine(data: AppChartRows): { name: string; value: number }[] {
  return data.lines.flatMap((l) => {
    const row = [...data.rows].reverse().find((r) => r[l.key] !== null && r[l.key] !== undefined);
    const v = row?.[l.key];
    return typeof v === 'number' ? [{ name: l.name, value: v }] : [];
  });
}

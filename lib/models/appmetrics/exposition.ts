// One scrape's text -> flat samples, with the Prometheus text format parsed by the npm package
// parse-prometheus-text-format (a port of Prometheus' own prom2json parser), never by hand here.
// What this file adds is the bounding, the OpenMetrics spelling of counters, and one work-around:
// the package folds a histogram's or summary's samples into ONE object keyed by `le`/`quantile`,
// losing every other label (two paths' buckets overwrite each other), so their `# TYPE` lines are
// taken out before it parses (recorded here) and their samples come back untyped, labels intact;
// - a body cut at the reader's size limit loses its last, partial line, and says so;
// - past `maxSeries` samples the rest is dropped, and the note says how many there were;
// - text the parser refuses fails the whole scrape, as a parse error fails a Prometheus scrape,
//   with the parser's reason (cut short: the text is the app's, untrusted, shown as text only).
// https://prometheus.io/docs/instrumenting/exposition_formats/
// https://github.com/prometheus/OpenMetrics/blob/main/specification/OpenMetrics.md
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  /** the sample's own name: a histogram's buckets are `<family>_bucket` with an `le` label */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  /** metric family name -> type; a histogram's family is its name without `_bucket` */
  types: Record<string, MetricType>;
  samples: Sample[];
  notes: string[];
}

export interface ParseOptions {
  maxSeries: number;
  /** the body was cut at the reader's limit: drop the partial last line */
  cutAtBytes?: number;
}

const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** Prometheus' float spellings (+Inf, -Inf, NaN) as well as plain numbers. */
export function parseValue(text: string | undefined): number {
  if (text === undefined) return NaN;
  const t = text.trim();
  if (t === '+Inf' || t === 'Inf') return Infinity;
  if (t === '-Inf') return -Infinity;
  return t === '' ? NaN : Number(t);
}

function flatten(family: ParsedFamily, out: Sample[]): void {
  for (const m of family.metrics) {
    const labels = m.labels ?? {};
    if (m.buckets || m.quantiles) {
      if (m.buckets)
        for (const [le, v] of Object.entries(m.buckets))
          out.push({ name: `${family.name}_bucket`, labels: { ...labels, le }, value: parseValue(v) });
      if (m.quantiles)
        for (const [quantile, v] of Object.entries(m.quantiles))
          out.push({ name: family.name, labels: { ...labels, quantile }, value: parseValue(v) });
      if (m.count !== undefined)
        out.push({ name: `${family.name}_count`, labels, value: parseValue(m.count) });
      if (m.sum !== undefined) out.push({ name: `${family.name}_sum`, labels, value: parseValue(m.sum) });
    } else {
      out.push({ name: family.name, labels, value: parseValue(m.value) });
    }
  }
}

export function parseExposition(raw: string, opts: ParseOptions): Exposition {
  const notes: string[] = [];
  let text = raw;
  if (opts.cutAtBytes !== undefined) {
    const lastNewline = text.lastIndexOf('\n');
    text = lastNewline >= 0 ? text.slice(0, lastNewline + 1) : '';
    notes.push(
      `the body was cut at ${formatBytes(opts.cutAtBytes)}: only the series before the cut are read`,
    );
  }
  const folded: Record<string, MetricType> = {};
  text = text.replace(
    /^# TYPE (\S+) (histogram|summary)[ \t]*$/gm,
    (_line, name: string, type: MetricType) => {
      folded[name] = type;
      return '#';
    },
  );
  let families: ParsedFamily[];
  try {
    families = parsePrometheusTextFormat(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { types: {}, samples: [], notes: [...notes, `not the Prometheus text format: ${clip(reason)}`] };
  }
  const types: Record<string, MetricType> = { ...folded };
  const samples: Sample[] = [];
  let counterWithoutSamples: string | null = null;
  for (const family of families) {
    let type = family.type.toLowerCase() as MetricType;
    if (!TYPES.has(type)) type = 'untyped';
    // OpenMetrics names a counter family `foo` and its sample `foo_total`: the parser sees a typed
    // family with no samples and then an untyped one; they are one counter
    if (type === 'untyped' && counterWithoutSamples && family.name === `${counterWithoutSamples}_total`)
      type = 'counter';
    if (type === 'untyped' && counterWithoutSamples && family.name === `${counterWithoutSamples}_created`) {
      continue;
    }
    if (type === 'counter' && family.metrics.length === 0) counterWithoutSamples = family.name;
    else if (!family.name.startsWith(`${counterWithoutSamples}_`)) counterWithoutSamples = null;
    if (family.metrics.length === 0) continue;
    if (!folded[familyOf(family.name, folded)]) types[family.name] = type;
    flatten(family, samples);
  }
  if (samples.length > opts.maxSeries) {
    notes.push(
      `${samples.length.toLocaleString('en-US')} series: only the first ${opts.maxSeries.toLocaleString('en-US')} are kept`,
    );
    samples.length = opts.maxSeries;
  }
  return { types, samples, notes };
}

/** `x_bucket`, `x_count`, `x_sum` of a histogram or summary x -> x; any other name as it is. */
function familyOf(name: string, folded: Record<string, MetricType>): string {
  const base = name.replace(/_(bucket|count|sum)$/, '');
  return folded[base] ? base : name;
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MiB` : `${Math.round(n / 1024)} KiB`;
}

/** Untrusted text in a note: one line, at most 120 characters. */
export function clip(text: string, max = 120): string {
  const one = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

// histogram_quantile() as Prometheus computes it from classic buckets: the bucket where the rank
// q × count falls, then linear interpolation inside it (the first bucket starts at 0); a rank in
// the +Inf bucket answers the highest finite bound. Buckets are the rates of `_bucket` series
// summed by `le`, so the quantile is that of the requests in the rate's window.
// https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile

export interface Bucket {
  /** upper bound, seconds; Infinity for +Inf */
  le: number;
  /** cumulative count (or rate) of observations <= le */
  count: number;
}

/** null when there is no +Inf bucket, fewer than two buckets, or no observation. */
export function histogramQuantile(q: number, input: readonly Bucket[]): number | null {
  if (!(q >= 0 && q <= 1)) return null;
  const buckets = [...input].filter((b) => !Number.isNaN(b.le)).sort((a, b) => a.le - b.le);
  const top = buckets[buckets.length - 1];
  if (buckets.length < 2 || !top || top.le !== Infinity) return null;
  // counts must not fall as le grows (scrapes of different moments can make them): as Prometheus' fix
  for (let i = 1; i < buckets.length; i++) {
    const prev = buckets[i - 1] as Bucket;
    const cur = buckets[i] as Bucket;
    if (cur.count < prev.count) buckets[i] = { le: cur.le, count: prev.count };
  }
  const total = top.count;
  if (!(total > 0)) return null;
  const rank = q * total;
  let i = buckets.findIndex((b) => b.count >= rank);
  if (i < 0) i = buckets.length - 1;
  const bucket = buckets[i] as Bucket;
  if (bucket.le === Infinity) return (buckets[buckets.length - 2] as Bucket).le;
  if (i === 0 && bucket.le <= 0) return bucket.le;
  const start = i === 0 ? 0 : (buckets[i - 1] as Bucket).le;
  const below = i === 0 ? 0 : (buckets[i - 1] as Bucket).count;
  const inBucket = bucket.count - below;
  if (inBucket <= 0) return bucket.le;
  return start + (bucket.le - start) * ((rank - below) / inBucket);
}

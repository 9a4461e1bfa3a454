/**
 * `histogram_quantile` for classic (le-bucket) histograms, computed exactly like Prometheus' promql/quantile.go:
 * linear interpolation inside the bucket, 0 as the lower bound of a positive first bucket, the highest finite
 * upper bound when the rank falls into +Inf, NaN when there are no observations or no +Inf bucket.
 */

export interface Bucket {
  upperBound: number;
  /** Cumulative count of observations ≤ upperBound. */
  count: number;
}

/** Relative difference under which two neighbouring bucket counts are treated as equal (float noise from rate()). */
const SMALL_DELTA_TOLERANCE = 1e-12;

/** The q-quantile of cumulative `buckets` (any order); NaN for "no data", ±Inf for q outside [0, 1]. */
export function histogramQuantile(q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (input.length === 0) return NaN;
  const sorted = input.map((b) => ({ ...b })).sort((a, b) => a.upperBound - b.upperBound);
  if (sorted[sorted.length - 1]!.upperBound !== Infinity) return NaN;
  const buckets = coalesce(sorted);
  correctPrecisionErrors(buckets);
  ensureMonotonic(buckets);
  if (buckets.length < 2) return NaN;
  const observations = buckets[buckets.length - 1]!.count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  // Like Go's sort.Search over all but the +Inf bucket: the first bucket whose count reaches the rank.
  let b = 0;
  while (b < buckets.length - 1 && buckets[b]!.count < rank) b++;
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upperBound;
  if (b === 0 && buckets[0]!.upperBound <= 0) return buckets[0]!.upperBound;
  let bucketStart = 0;
  const bucketEnd = buckets[b]!.upperBound;
  let count = buckets[b]!.count;
  if (b > 0) {
    bucketStart = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** Merge buckets with the same upper bound (series that differ only in labels we summed away). */
function coalesce(sorted: Bucket[]): Bucket[] {
  const out: Bucket[] = [];
  for (const bucket of sorted) {
    const last = out[out.length - 1];
    if (last && last.upperBound === bucket.upperBound) last.count += bucket.count;
    else out.push(bucket);
  }
  return out;
}

function correctPrecisionErrors(buckets: Bucket[]): void {
  let prev = buckets[0]!.count;
  for (let i = 1; i < buckets.length; i++) {
    const curr = buckets[i]!.count;
    const delta = Math.abs(curr - prev);
    if (delta === 0) continue;
    if (delta / curr <= SMALL_DELTA_TOLERANCE) buckets[i]!.count = prev;
    else prev = curr;
  }
}

/** Counts must not decrease with the bound; Prometheus takes the running maximum, and so do we. */
function ensureMonotonic(buckets: Bucket[]): void {
  let max = buckets[0]!.count;
  for (let i = 1; i < buckets.length; i++) {
    if (buckets[i]!.count > max) max = buckets[i]!.count;
    else if (buckets[i]!.count < max) buckets[i]!.count = max;
  }
}

/** The `le` label as a bucket bound ("+Inf", "1e+06" and "0.5" all accepted); undefined when it is not a number. */
export function parseLe(le: string | undefined): number | undefined {
  if (le === undefined) return undefined;
  if (le === '+Inf' || le === 'Inf' || le === '+inf') return Infinity;
  const value = Number(le);
  return le.trim() === '' || Number.isNaN(value) ? undefined : value;
}

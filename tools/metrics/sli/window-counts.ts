/** What happened in one window, per version: requests, 5xx errors and latency histogram buckets. */
import { histogramQuantile, type Bucket } from './histogram-quantile.js';

export interface VersionCounts {
  requests: number;
  errors: number;
  /** Cumulative latency buckets (seconds), summed over every other label. */
  buckets: Bucket[];
}

export interface WindowCounts {
  /** Window start and end, ms since the epoch. */
  startMs: number;
  endMs: number;
  byVersion: Record<string, VersionCounts>;
  /** How the counts were obtained (the snapshots or the PromQL queries), for the ledger. */
  provenance: string[];
}

/** Service-level indicators for one window. Null means "no data" (no traffic), never zero. */
export interface Sli {
  requests: number;
  errors: number;
  /** Requests per second over the window. */
  requestRate: number;
  /** errors / requests; null when there were no requests. */
  errorRate: number | null;
  /** p95 from the histogram like histogram_quantile(0.95, …); null when there were no observations. */
  latencyP95Seconds: number | null;
  /** Observations in the latency histogram (its +Inf bucket). */
  latencyObservations: number;
}

/** Empty counts for a version. */
export function emptyVersionCounts(): VersionCounts {
  return { requests: 0, errors: 0, buckets: [] };
}

/** Add `count` to the bucket with bound `upperBound` (creating it). */
export function addToBucket(buckets: Bucket[], upperBound: number, count: number): void {
  const existing = buckets.find((b) => b.upperBound === upperBound);
  if (existing) existing.count += count;
  else buckets.push({ upperBound, count });
}

/** The counts of several versions merged (buckets summed by bound, like `sum by (le)`). */
export function mergeVersions(counts: VersionCounts[]): VersionCounts {
  const merged = emptyVersionCounts();
  for (const c of counts) {
    merged.requests += c.requests;
    merged.errors += c.errors;
    for (const b of c.buckets) addToBucket(merged.buckets, b.upperBound, b.count);
  }
  return merged;
}

/** SLIs of `counts` over `windowSeconds`. */
export function computeSli(counts: VersionCounts, windowSeconds: number): Sli {
  const p95 = histogramQuantile(0.95, counts.buckets);
  const inf = counts.buckets.find((b) => b.upperBound === Infinity);
  return {
    requests: counts.requests,
    errors: counts.errors,
    requestRate: windowSeconds > 0 ? counts.requests / windowSeconds : 0,
    errorRate: counts.requests > 0 ? counts.errors / counts.requests : null,
    latencyP95Seconds: Number.isNaN(p95) ? null : p95,
    latencyObservations: inf?.count ?? 0,
  };
}

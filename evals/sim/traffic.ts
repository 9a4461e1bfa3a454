/**
 * Scripted traffic as Prometheus would count it: requests by status and latency histogram buckets per version,
 * per analysis interval. p95 is placed so that histogram_quantile(0.95) lands in the scripted bucket.
 */
import type { SimScript, TrafficInterval } from '../scenario-schema.js';

/** prom-client's default bounds (the example service's), seconds; +Inf is implicit. */
export const BUCKET_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface IntervalCounts {
  requests: number;
  errors: number;
  /** Cumulative bucket counts by `le` bound (the last is +Inf). */
  buckets: Array<{ le: string; count: number }>;
}

/** Traffic of one version in analysis interval `index` (the last scripted interval repeats); null when none is scripted. */
export function scriptedInterval(script: SimScript, version: string, index: number): TrafficInterval | null {
  const traffic = script.traffic[version];
  if (!traffic) return null;
  if (!Array.isArray(traffic)) return traffic;
  return traffic[Math.min(index, traffic.length - 1)] ?? null;
}

function boundIndexAtLeast(seconds: number): number {
  const i = BUCKET_BOUNDS.findIndex((b) => b >= seconds);
  return i === -1 ? BUCKET_BOUNDS.length : i;
}

/** Counts for one interval: errors = round(requests × errorRate); 50 % fast, 45 % up to p95, 5 % above it. */
export function intervalCounts(interval: TrafficInterval): IntervalCounts {
  const n = interval.requests;
  const errors = Math.round(n * interval.errorRate);
  const perBucket = new Array<number>(BUCKET_BOUNDS.length + 1).fill(0);
  const fast = Math.round(n * 0.5);
  const upToP95 = Math.round(n * 0.95) - fast;
  const p95Index = boundIndexAtLeast(interval.latencyP95);
  perBucket[Math.min(boundIndexAtLeast(interval.latencyP95 / 4), p95Index)]! += fast;
  perBucket[p95Index]! += upToP95;
  perBucket[Math.min(p95Index + 1, BUCKET_BOUNDS.length)]! += n - fast - upToP95;
  let running = 0;
  const buckets = perBucket.map((count, i) => {
    running += count;
    return { le: i < BUCKET_BOUNDS.length ? String(BUCKET_BOUNDS[i]) : '+Inf', count: running };
  });
  return { requests: n, errors, buckets };
}

/** Sum of several intervals' counts (cumulative counters over a run). */
export function addCounts(a: IntervalCounts | null, b: IntervalCounts): IntervalCounts {
  if (!a) return structuredClone(b);
  return {
    requests: a.requests + b.requests,
    errors: a.errors + b.errors,
    buckets: a.buckets.map((bucket, i) => ({ le: bucket.le, count: bucket.count + (b.buckets[i]?.count ?? 0) })),
  };
}

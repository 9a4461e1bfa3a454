/**
 * Is the canary slower than the baseline? Mann–Whitney U on the latency histograms: each bucket is a group of
 * tied observations, so U, its tie-corrected variance and the effect size (Vargha–Delaney A = P(canary slower),
 * ties counting half) come straight from the bucket counts. A regression needs significance and a minimum A.
 */
import jStat from 'jstat';
import type { Bucket } from '../sli/histogram-quantile.js';

export interface LatencyTest {
  method: 'mann-whitney-u';
  u: number;
  zScore: number;
  /** One-sided p-value of "canary latencies are stochastically larger". */
  pValue: number;
  /** Vargha–Delaney A: P(canary observation > baseline observation) + ½ P(tie); 0.5 means no difference. */
  effectSize: number;
  baselineObservations: number;
  canaryObservations: number;
  alpha: number;
  minEffect: number;
  regression: boolean;
}

/** Per-bucket (non-cumulative) counts on the bounds both histograms share, lowest first. */
function alignedCounts(baseline: readonly Bucket[], canary: readonly Bucket[]): { base: number[]; can: number[] } {
  const canaryAt = new Map(canary.map((b) => [b.upperBound, b.count]));
  const shared = [...baseline].filter((b) => canaryAt.has(b.upperBound)).sort((a, b) => a.upperBound - b.upperBound);
  const base: number[] = [];
  const can: number[] = [];
  let prevBase = 0;
  let prevCan = 0;
  for (const b of shared) {
    const c = canaryAt.get(b.upperBound)!;
    // max(…, 0) guards against non-monotonic buckets from extrapolated increase() values.
    base.push(Math.max(0, b.count - prevBase));
    can.push(Math.max(0, c - prevCan));
    prevBase = Math.max(prevBase, b.count);
    prevCan = Math.max(prevCan, c);
  }
  return { base, can };
}

/** One-sided Mann–Whitney U test of canary > baseline on bucketed latencies; null when either side has no observations. */
export function testLatency(
  baseline: readonly Bucket[],
  canary: readonly Bucket[],
  options: { alpha: number; minEffect: number },
): LatencyTest | null {
  const { base, can } = alignedCounts(baseline, canary);
  const n1 = can.reduce((s, x) => s + x, 0);
  const n2 = base.reduce((s, x) => s + x, 0);
  if (n1 <= 0 || n2 <= 0) return null;
  let u = 0;
  let below = 0;
  let tieTerm = 0;
  for (let i = 0; i < base.length; i++) {
    u += can[i]! * (below + 0.5 * base[i]!);
    below += base[i]!;
    const t = base[i]! + can[i]!;
    tieTerm += t * t * t - t;
  }
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  // Continuity correction of ½ towards the mean; a zero variance means every observation fell in one bucket.
  const zScore = variance > 0 ? (u - mean - 0.5 * Math.sign(u - mean)) / Math.sqrt(variance) : 0;
  const pValue = 1 - jStat.normal.cdf(zScore, 0, 1);
  const effectSize = u / (n1 * n2);
  return {
    method: 'mann-whitney-u',
    u,
    zScore,
    pValue,
    effectSize,
    baselineObservations: n2,
    canaryObservations: n1,
    alpha: options.alpha,
    minEffect: options.minEffect,
    regression: pValue < options.alpha && effectSize >= options.minEffect,
  };
}

import { describe, expect, it } from 'vitest';
import { decide } from './decide.js';
import { testAboveThreshold, testErrorRates } from './error-rate-test.js';
import { testLatency } from './latency-test.js';

const opts = { alpha: 0.01, minEffect: 0.01 };

describe('testErrorRates', () => {
  it('uses the z-test on large counts and flags a real regression', () => {
    const t = testErrorRates({ requests: 1000, errors: 20 }, { requests: 1000, errors: 80 }, opts);
    expect(t.method).toBe('two-proportion-z');
    // pooled p = 0.05, se = sqrt(0.05·0.95·(2/1000)) ≈ 0.009747, z = 0.06 / se ≈ 6.156
    expect(t.zScore).toBeCloseTo(0.06 / Math.sqrt(0.05 * 0.95 * 0.002), 6);
    expect(t.pValue).toBeLessThan(1e-8);
    expect(t.regression).toBe(true);
  });

  it('does not flag equal rates or a canary that errs less', () => {
    expect(testErrorRates({ requests: 500, errors: 10 }, { requests: 500, errors: 10 }, opts).regression).toBe(false);
    const better = testErrorRates({ requests: 500, errors: 40 }, { requests: 500, errors: 5 }, opts);
    expect(better.pValue).toBeGreaterThan(0.99);
    expect(better.regression).toBe(false);
  });

  it('switches to Fisher exact on small counts and matches the hypergeometric tail', () => {
    // canary 3/10 errors, baseline 0/10: P(X ≥ 3) for X ~ Hypergeom(N=20, K=3, n=10) = C(10,3)/C(20,3) = 120/1140
    const t = testErrorRates({ requests: 10, errors: 0 }, { requests: 10, errors: 3 }, opts);
    expect(t.method).toBe('fisher-exact');
    expect(t.pValue).toBeCloseTo(120 / 1140, 10);
    expect(t.regression).toBe(false);
  });

  it('requires the minimum effect even when significant', () => {
    const t = testErrorRates({ requests: 1_000_000, errors: 10_000 }, { requests: 1_000_000, errors: 10_500 }, opts);
    expect(t.pValue).toBeLessThan(0.01);
    expect(t.difference).toBeCloseTo(0.0005, 10);
    expect(t.regression).toBe(false);
  });

  it('binomial test against the SLO threshold', () => {
    expect(testAboveThreshold({ requests: 200, errors: 40 }, 0.05)).toBeLessThan(1e-6);
    expect(testAboveThreshold({ requests: 200, errors: 11 }, 0.05)).toBeGreaterThan(0.05);
    expect(testAboveThreshold({ requests: 200, errors: 0 }, 0.05)).toBe(1);
  });
});

describe('testLatency (Mann-Whitney U on buckets)', () => {
  const cumulative = (perBucket: number[], bounds = [0.05, 0.1, 0.25, 0.5, 1, Infinity]) => {
    let sum = 0;
    return bounds.map((upperBound, i) => ({ upperBound, count: (sum += perBucket[i] ?? 0) }));
  };

  it('computes U with ties counted half and A = U / (n1·n2)', () => {
    // baseline: 2 in bucket 0, 2 in bucket 1; canary: 2 in bucket 1, 2 in bucket 2
    const t = testLatency(cumulative([2, 2, 0, 0, 0, 0]), cumulative([0, 2, 2, 0, 0, 0]), { alpha: 0.01, minEffect: 0.6 })!;
    // canary in bucket 1: 2 × (2 below + ½·2 tied) = 6; canary in bucket 2: 2 × 4 = 8 → U = 14, A = 14/16
    expect(t.u).toBe(14);
    expect(t.effectSize).toBeCloseTo(14 / 16, 12);
  });

  it('flags a shifted canary and passes identical distributions', () => {
    const base = cumulative([300, 150, 40, 8, 2, 0]);
    expect(testLatency(base, cumulative([20, 60, 200, 150, 60, 10]), { alpha: 0.01, minEffect: 0.6 })!.regression).toBe(true);
    const same = testLatency(base, cumulative([300, 150, 40, 8, 2, 0]), { alpha: 0.01, minEffect: 0.6 })!;
    expect(same.effectSize).toBeCloseTo(0.5, 12);
    expect(same.regression).toBe(false);
  });

  it('is null when a side has no observations', () => {
    expect(testLatency(cumulative([0, 0, 0, 0, 0, 0]), cumulative([1, 0, 0, 0, 0, 0]), { alpha: 0.01, minEffect: 0.6 })).toBeNull();
  });
});

describe('decide', () => {
  const rules = { intervals: 5, failuresToRollback: 2, maxInconclusive: 3 };
  it('rolls back on two failing intervals in a row, and not on one', () => {
    expect(decide(['fail'], rules).final).toBe(false);
    expect(decide(['fail', 'fail'], rules)).toMatchObject({ decision: 'rollback', final: true });
    expect(decide(['pass', 'fail', 'pass', 'pass', 'pass'], rules)).toMatchObject({ decision: 'promote', final: true });
  });
  it('holds for a human after maxInconclusive inconclusive intervals', () => {
    expect(decide(['inconclusive', 'pass', 'inconclusive', 'inconclusive'], rules)).toMatchObject({ decision: 'hold', final: true });
  });
  it('never promotes without a passing interval or with an unconfirmed last failure', () => {
    expect(decide(['pass', 'pass', 'pass', 'pass', 'fail'], rules).decision).toBe('hold');
    expect(decide(['inconclusive', 'inconclusive'], { ...rules, intervals: 2 }).decision).toBe('inconclusive');
    expect(decide(['fail', 'pass', 'fail', 'pass', 'pass'], rules).decision).toBe('hold');
  });
});

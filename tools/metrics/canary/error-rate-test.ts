/**
 * Is the canary's error rate higher than the baseline's? One-sided two-proportion z-test, or Fisher's exact
 * test when an expected cell count is under 5 (the z approximation is poor there). A regression also needs a
 * minimum effect size, so a statistically significant but negligible difference never rolls back.
 */
import jStat from 'jstat';

export interface Proportion {
  requests: number;
  errors: number;
}

export interface ErrorRateTest {
  method: 'two-proportion-z' | 'fisher-exact';
  baselineRate: number;
  canaryRate: number;
  /** canaryRate − baselineRate. */
  difference: number;
  zScore: number | null;
  /** One-sided p-value of "canary errs more than baseline". */
  pValue: number;
  alpha: number;
  minEffect: number;
  regression: boolean;
}

/** Smallest expected count per cell for the normal approximation (the usual rule of thumb). */
const MIN_EXPECTED = 5;

/** One-sided test of canary error rate > baseline error rate. Counts may be fractional (PromQL increase()); Fisher rounds them. */
export function testErrorRates(baseline: Proportion, canary: Proportion, options: { alpha: number; minEffect: number }): ErrorRateTest {
  const baselineRate = baseline.errors / baseline.requests;
  const canaryRate = canary.errors / canary.requests;
  const difference = canaryRate - baselineRate;
  const total = baseline.requests + canary.requests;
  const errors = baseline.errors + canary.errors;
  const expected = [canary.requests, baseline.requests].flatMap((n) => [(n * errors) / total, (n * (total - errors)) / total]);
  let method: ErrorRateTest['method'];
  let zScore: number | null = null;
  let pValue: number;
  if (Math.min(...expected) < MIN_EXPECTED) {
    method = 'fisher-exact';
    pValue = fisherUpperTail(Math.round(canary.errors), Math.round(canary.requests), Math.round(baseline.errors), Math.round(baseline.requests));
  } else {
    method = 'two-proportion-z';
    const pooled = errors / total;
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / canary.requests + 1 / baseline.requests));
    zScore = se === 0 ? 0 : difference / se;
    pValue = 1 - jStat.normal.cdf(zScore, 0, 1);
  }
  return {
    method,
    baselineRate,
    canaryRate,
    difference,
    zScore,
    pValue,
    alpha: options.alpha,
    minEffect: options.minEffect,
    regression: pValue < options.alpha && difference >= options.minEffect,
  };
}

/**
 * P(X ≥ a) for X the canary's share of all errors under "same rate": hypergeometric with population
 * n1 + n2, errors a + c, draws n1. Summed from the tail upwards so small p-values keep their precision.
 */
function fisherUpperTail(a: number, n1: number, c: number, n2: number): number {
  const population = n1 + n2;
  const successes = a + c;
  const top = Math.min(successes, n1);
  let p = 0;
  for (let k = a; k <= top; k++) p += jStat.hypgeom.pdf(k, population, successes, n1);
  return Math.min(1, p);
}

/** One-sided exact binomial test of "true rate > threshold" given `errors` of `requests`. */
export function testAboveThreshold(proportion: Proportion, threshold: number): number {
  const n = Math.round(proportion.requests);
  const x = Math.round(proportion.errors);
  if (n === 0 || x === 0) return 1;
  return Math.max(0, 1 - jStat.binomial.cdf(x - 1, n, threshold));
}

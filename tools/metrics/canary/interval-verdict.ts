/** One canary analysis interval: the numbers of both versions, the tests run on them, and pass | fail | inconclusive. */
import { computeSli, type Sli, type VersionCounts, type WindowCounts } from '../sli/window-counts.js';
import { testAboveThreshold, testErrorRates, type ErrorRateTest } from './error-rate-test.js';
import { testLatency, type LatencyTest } from './latency-test.js';

export interface CanaryCriteria {
  alpha: number;
  minErrorRateIncrease: number;
  minLatencyEffect: number;
  /** Smallest p95 increase (seconds) that matters: a significant shift of a few milliseconds is not a regression. */
  minP95IncreaseSeconds: number;
  minRequests: number;
  /** SLO thresholds the canary must also respect on its own (sre.yaml thresholds). */
  errorRateThreshold: number;
  latencyP95Threshold: number;
}

export interface SloCheck {
  threshold: number;
  canaryValue: number | null;
  baselineValue: number | null;
  /** One-sided binomial p-value of "canary error rate above the threshold" (error check only). */
  pValue: number | null;
  failed: boolean;
}

export interface IntervalResult {
  index: number;
  startedAt: string;
  endedAt: string;
  seconds: number;
  baseline: Sli | null;
  canary: Sli | null;
  errorTest: ErrorRateTest | null;
  latencyTest: LatencyTest | null;
  errorRateSlo: SloCheck | null;
  latencySlo: SloCheck | null;
  verdict: 'pass' | 'fail' | 'inconclusive';
  reasons: string[];
  provenance: string[];
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(2)}%`);

/** Judge one interval of `counts` for `baselineVersion` vs `canaryVersion`. */
export function judgeInterval(
  index: number,
  counts: WindowCounts,
  versions: { baseline: string; canary: string },
  criteria: CanaryCriteria,
): IntervalResult {
  const seconds = (counts.endMs - counts.startMs) / 1000;
  const base = counts.byVersion[versions.baseline];
  const can = counts.byVersion[versions.canary];
  const result: IntervalResult = {
    index,
    startedAt: new Date(counts.startMs).toISOString(),
    endedAt: new Date(counts.endMs).toISOString(),
    seconds,
    baseline: base ? computeSli(base, seconds) : null,
    canary: can ? computeSli(can, seconds) : null,
    errorTest: null,
    latencyTest: null,
    errorRateSlo: null,
    latencySlo: null,
    verdict: 'inconclusive',
    reasons: [],
    provenance: counts.provenance,
  };
  const seen = Object.keys(counts.byVersion);
  const traffic = (name: string, c: VersionCounts | undefined, version: string) => {
    if (!c) return `no ${name} series for version="${version}" (versions seen: ${seen.join(', ') || 'none'})`;
    if (c.requests < criteria.minRequests) return `${name} ${version} served ${c.requests.toFixed(0)} requests, fewer than minRequests ${criteria.minRequests}`;
    return null;
  };
  const shortage = [traffic('canary', can, versions.canary), traffic('baseline', base, versions.baseline)].filter((x): x is string => x !== null);
  if (shortage.length > 0) {
    result.reasons.push(...shortage, 'not enough traffic to compare: send load to both versions (or raise the canary weight), then analyse again');
    return result;
  }
  const errorTest = testErrorRates(base!, can!, { alpha: criteria.alpha, minEffect: criteria.minErrorRateIncrease });
  result.errorTest = errorTest;
  const failures: string[] = [];
  if (errorTest.regression) {
    failures.push(
      `canary error rate ${pct(errorTest.canaryRate)} vs baseline ${pct(errorTest.baselineRate)} (+${pct(errorTest.difference)}, ${errorTest.method} p=${errorTest.pValue.toExponential(2)})`,
    );
  }
  const errorP = testAboveThreshold(can!, criteria.errorRateThreshold);
  const baselineBreaches = errorTest.baselineRate > criteria.errorRateThreshold;
  result.errorRateSlo = {
    threshold: criteria.errorRateThreshold,
    canaryValue: errorTest.canaryRate,
    baselineValue: errorTest.baselineRate,
    pValue: errorP,
    // Only a breach the canary brings counts against it; a baseline already over the threshold is reported, not blamed.
    failed: errorP < criteria.alpha && !baselineBreaches,
  };
  if (result.errorRateSlo.failed) failures.push(`canary error rate ${pct(errorTest.canaryRate)} is above the ${pct(criteria.errorRateThreshold)} threshold (p=${errorP.toExponential(2)})`);

  const latencyTest = testLatency(base!.buckets, can!.buckets, { alpha: criteria.alpha, minEffect: criteria.minLatencyEffect });
  result.latencyTest = latencyTest;
  const canP95 = result.canary!.latencyP95Seconds;
  const baseP95 = result.baseline!.latencyP95Seconds;
  if (!latencyTest || canP95 === null || baseP95 === null) {
    result.reasons.push(`latency histogram missing for ${!latencyTest || canP95 === null ? 'the canary' : 'the baseline'} (http_request_duration_seconds_bucket): latency not compared`);
    if (failures.length === 0) return result;
  } else {
    const p95Increase = canP95 - baseP95;
    if (latencyTest.regression && p95Increase >= criteria.minP95IncreaseSeconds) {
      failures.push(
        `canary slower: p95 ${canP95.toFixed(3)}s vs ${baseP95.toFixed(3)}s (+${p95Increase.toFixed(3)}s), P(canary slower)=${latencyTest.effectSize.toFixed(2)} (Mann-Whitney p=${latencyTest.pValue.toExponential(2)})`,
      );
    }
    result.latencySlo = {
      threshold: criteria.latencyP95Threshold,
      canaryValue: canP95,
      baselineValue: baseP95,
      pValue: null,
      failed: canP95 > criteria.latencyP95Threshold && baseP95 <= criteria.latencyP95Threshold && result.canary!.latencyObservations >= criteria.minRequests,
    };
    if (result.latencySlo.failed) failures.push(`canary p95 ${canP95.toFixed(3)}s is above the ${criteria.latencyP95Threshold}s threshold (baseline ${baseP95.toFixed(3)}s)`);
  }
  if (failures.length > 0) {
    result.verdict = 'fail';
    result.reasons.push(...failures);
  } else {
    result.verdict = 'pass';
    result.reasons.push(
      `canary error rate ${pct(errorTest.canaryRate)} vs baseline ${pct(errorTest.baselineRate)} (p=${errorTest.pValue.toFixed(3)}); ` +
        `p95 ${canP95?.toFixed(3)}s vs ${baseP95?.toFixed(3)}s (P(canary slower)=${latencyTest?.effectSize.toFixed(2)})`,
    );
  }
  return result;
}

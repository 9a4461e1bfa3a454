/** Synthetic promtool input series for the generated rule tests (steady traffic, latency buckets, gauges). */
import { seriesText, targetLabels, type InputSeries, type RuleTarget } from './alert-rule.js';
import type { RequestCounter } from './metric-detect.js';

/** Requests per minute in the synthetic traffic (round numbers keep rates and ratios exact). */
const REQUESTS_PER_MINUTE = 1000;

/** A counter growing by `perMinute` each 1m step for `minutes` steps. */
export function counterValues(perMinute: number, minutes: number): string {
  return `0+${perMinute}x${minutes}`;
}

/** A gauge holding `value` for `minutes` steps. */
export function gaugeValues(value: number, minutes: number): string {
  return `${value}x${minutes}`;
}

/** Steady traffic where `errorRatio` of the requests answer 500 (no 5xx series at all when the ratio is 0). */
export function requestTraffic(target: RuleTarget, counter: RequestCounter, errorRatio: number, minutes: number): InputSeries[] {
  const errors = REQUESTS_PER_MINUTE * errorRatio;
  const base = targetLabels(target);
  const series: InputSeries[] = [
    { series: seriesText(counter.series, { ...base, [counter.statusLabel]: '200' }), values: counterValues(REQUESTS_PER_MINUTE - errors, minutes) },
  ];
  // A service that never failed has no 5xx series: the rules must still compute a ratio of 0, not nothing.
  if (errors > 0) series.push({ series: seriesText(counter.series, { ...base, [counter.statusLabel]: '500' }), values: counterValues(errors, minutes) });
  return series;
}

/**
 * Latency buckets where every request falls in (lower, upper]: cumulative counts are 0 up to `lower`
 * and the full rate from `upper` on (including +Inf).
 */
export function latencyTraffic(
  target: RuleTarget,
  bucketSeries: string,
  bounds: { value: number; text: string }[],
  upper: number,
  minutes: number,
): InputSeries[] {
  const base = targetLabels(target);
  const les = [...bounds.map((b) => ({ value: b.value, text: b.text })), { value: Number.POSITIVE_INFINITY, text: '+Inf' }];
  return les.map((le) => ({
    series: seriesText(bucketSeries, { ...base, le: le.text }),
    values: counterValues(le.value >= upper ? REQUESTS_PER_MINUTE : 0, minutes),
  }));
}

/** An error ratio clearly above `threshold` that prints as a round percentage (at most 100 %). */
export function ratioAbove(threshold: number): number {
  return Math.min(1, Math.ceil(threshold * 20) / 10);
}

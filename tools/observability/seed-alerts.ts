/**
 * The seed's four alerts ("Error rate > 5%", "Latency p95 > 1s", "Health check fails",
 * "Database connection errors") plus an `absent()` guard on the request metric, each with its test cases.
 * Each builder returns a rule, or a finding saying why the service's metrics cannot support it.
 */
import { aggregateLabels, groupBy, jobMatchers, seriesText, targetLabels, type AlertRule, type Finding, type RuleTarget } from './alert-rule.js';
import type { DatabaseSignal, LatencyHistogram, RequestCounter } from './metric-detect.js';
import { errorRatioRecord } from './slo-rules.js';
import { counterValues, gaugeValues, latencyTraffic, ratioAbove, requestTraffic } from './test-series.js';

type Built = { rule: AlertRule } | { finding: Finding };

const pct = (n: number) => `${Number((n * 100).toPrecision(6))}%`;

/** "Error rate > N%": the recorded 5m 5xx ratio above config.thresholds.errorRate for 5 minutes. */
export function errorRateAlert(counter: RequestCounter, target: RuleTarget, threshold: number): Built {
  if (threshold >= 1) return { finding: { level: 'warning', rule: 'HighErrorRate', message: `not generated: an error-rate threshold of ${pct(threshold)} can never be exceeded` } };
  const bad = ratioAbove(threshold);
  const quiet = threshold / 2;
  return {
    rule: {
      alert: 'HighErrorRate',
      expr: `${errorRatioRecord('5m')}{${jobMatchers(target)}} > ${threshold}`,
      for: '5m',
      severity: 'critical',
      annotations: {
        summary: `{{ $labels.job }}: error rate above ${pct(threshold)}`,
        description: `{{ $value | humanizePercentage }} of requests answered 5xx over the last 5m (threshold ${pct(threshold)}).`,
      },
      cases: [
        { name: `HighErrorRate fires at ${pct(bad)} 5xx`, fires: true, series: requestTraffic(target, counter, bad, 30), evalTime: '20m', labels: aggregateLabels(target), value: bad },
        { name: `HighErrorRate stays quiet at ${pct(quiet)} 5xx`, fires: false, series: requestTraffic(target, counter, quiet, 30), evalTime: '20m', labels: {}, value: 0 },
      ],
    },
  };
}

/**
 * "Latency p95 > Ns": histogram_quantile over the rate of the buckets. The bad case puts every request in
 * the first bucket whose interpolated p95 exceeds the threshold; without such a finite bucket the alert could never fire.
 */
export function latencyAlert(histogram: LatencyHistogram, target: RuleTarget, threshold: number): Built {
  const bounds = histogram.bounds;
  const p95In = (i: number) => {
    const lower = i === 0 ? 0 : bounds[i - 1]!.value;
    return lower + (bounds[i]!.value - lower) * 0.95;
  };
  const badIndex = bounds.findIndex((_b, i) => p95In(i) > threshold);
  if (badIndex === -1) {
    const top = bounds.at(-1)?.value;
    return {
      finding: {
        level: 'error',
        rule: 'HighLatencyP95',
        message: `not generated: ${histogram.bucketSeries} has no finite bucket above ${threshold}s (highest le=${top ?? 'none'}), so histogram_quantile can never report a p95 above the threshold; add buckets above ${threshold}s`,
      },
    };
  }
  const cases: AlertRule['cases'] = [
    {
      name: `HighLatencyP95 fires when every request takes up to ${bounds[badIndex]!.text}s`,
      fires: true,
      series: latencyTraffic(target, histogram.bucketSeries, bounds, bounds[badIndex]!.value, 30),
      evalTime: '20m',
      labels: aggregateLabels(target),
      value: p95In(badIndex),
    },
  ];
  if (p95In(0) <= threshold) {
    cases.push({
      name: `HighLatencyP95 stays quiet when every request takes up to ${bounds[0]!.text}s`,
      fires: false,
      series: latencyTraffic(target, histogram.bucketSeries, bounds, bounds[0]!.value, 30),
      evalTime: '20m',
      labels: {},
      value: 0,
    });
  }
  return {
    rule: {
      alert: 'HighLatencyP95',
      expr: `histogram_quantile(0.95, sum by (${groupBy(target)}, le) (rate(${histogram.bucketSeries}{${jobMatchers(target)}}[5m]))) > ${threshold}`,
      for: '5m',
      severity: 'warning',
      annotations: {
        summary: `{{ $labels.job }}: p95 latency above ${threshold}s`,
        description: `p95 request latency over the last 5m is {{ $value | humanizeDuration }} (threshold ${threshold}s).`,
      },
      cases,
    },
  };
}

/** "Health check fails": the target stopped answering its scrape (`up == 0`) for a minute. */
export function targetDownAlert(target: RuleTarget): AlertRule {
  const up = seriesText('up', targetLabels(target));
  return {
    alert: 'HealthCheckFailing',
    expr: `up{${jobMatchers(target)}} == 0`,
    for: '1m',
    severity: 'critical',
    annotations: {
      summary: `{{ $labels.job }} on {{ $labels.instance }} is down`,
      description: `Prometheus could not scrape {{ $labels.instance }} for more than 1 minute: the service is down or unreachable.`,
    },
    cases: [
      { name: 'HealthCheckFailing fires when the scrape fails', fires: true, series: [{ series: up, values: gaugeValues(0, 15) }], evalTime: '10m', labels: targetLabels(target), value: 0 },
      { name: 'HealthCheckFailing stays quiet while the target is up', fires: false, series: [{ series: up, values: gaugeValues(1, 15) }], evalTime: '10m', labels: {}, value: 0 },
    ],
  };
}

/** "Health check fails" from the service's own health gauge (any check at 0 means unhealthy, as in the seed's view). */
export function healthGaugeAlert(gauge: { series: string; checkLabel: string | null }, target: RuleTarget): AlertRule {
  const labels = (check: string) => ({ ...targetLabels(target), ...(gauge.checkLabel ? { [gauge.checkLabel]: check } : {}) });
  return {
    alert: 'HealthCheckUnhealthy',
    expr: `min by (${groupBy(target)}) (${gauge.series}{${jobMatchers(target)}}) == 0`,
    for: '1m',
    severity: 'critical',
    annotations: {
      summary: `{{ $labels.job }} reports itself unhealthy`,
      description: `${gauge.series} has been 0 for more than 1 minute: at least one health check fails.`,
    },
    cases: [
      { name: 'HealthCheckUnhealthy fires when a check reports 0', fires: true, series: [{ series: seriesText(gauge.series, labels('database')), values: gaugeValues(0, 15) }], evalTime: '10m', labels: aggregateLabels(target), value: 0 },
      { name: 'HealthCheckUnhealthy stays quiet while every check reports 1', fires: false, series: [{ series: seriesText(gauge.series, labels('database')), values: gaugeValues(1, 15) }], evalTime: '10m', labels: {}, value: 0 },
    ],
  };
}

/** "Database connection errors" from whatever database signal the service exposes. */
export function databaseAlert(signal: DatabaseSignal, target: RuleTarget): AlertRule {
  const base = targetLabels(target);
  const annotations = {
    summary: `{{ $labels.job }}: database connection errors`,
    description: `${signal.series} shows the database connection failing for more than 1 minute.`,
  };
  const rule = { alert: 'DatabaseConnectionErrors', for: '1m', severity: 'critical' as const, annotations };
  if (signal.kind === 'error-counter') {
    const series = seriesText(signal.series, base);
    return {
      ...rule,
      expr: `sum by (${groupBy(target)}) (increase(${signal.series}{${jobMatchers(target)}}[5m])) > 0`,
      cases: [
        { name: 'DatabaseConnectionErrors fires while connection errors are counted', fires: true, series: [{ series, values: counterValues(1, 20) }], evalTime: '10m', labels: aggregateLabels(target), value: 5 },
        { name: 'DatabaseConnectionErrors stays quiet while the error count is flat', fires: false, series: [{ series, values: counterValues(0, 20) }], evalTime: '10m', labels: {}, value: 0 },
      ],
    };
  }
  const matcher = signal.kind === 'check-gauge' ? `,${signal.label}="${signal.value}"` : '';
  const series = seriesText(signal.series, signal.kind === 'check-gauge' ? { ...base, [signal.label]: signal.value } : base);
  return {
    ...rule,
    expr: `min by (${groupBy(target)}) (${signal.series}{${jobMatchers(target)}${matcher}}) == 0`,
    cases: [
      { name: 'DatabaseConnectionErrors fires when the database check reports 0', fires: true, series: [{ series, values: gaugeValues(0, 15) }], evalTime: '10m', labels: aggregateLabels(target), value: 0 },
      { name: 'DatabaseConnectionErrors stays quiet while the database check reports 1', fires: false, series: [{ series, values: gaugeValues(1, 15) }], evalTime: '10m', labels: {}, value: 0 },
    ],
  };
}

/** The request metric disappeared (renamed, not scraped): every other alert would silently go blind. */
export function requestMetricAbsentAlert(counter: RequestCounter, target: RuleTarget): AlertRule {
  const up = { series: seriesText('up', targetLabels(target)), values: gaugeValues(1, 25) };
  return {
    alert: 'RequestMetricAbsent',
    expr: `absent(${counter.series}{${jobMatchers(target)}})`,
    for: '10m',
    severity: 'warning',
    annotations: {
      summary: `{{ $labels.job }}: ${counter.series} is absent`,
      description: `No ${counter.series} series for job {{ $labels.job }} for 10 minutes: the error-rate, latency and SLO alerts cannot see anything.`,
    },
    cases: [
      { name: 'RequestMetricAbsent fires when the request counter is missing', fires: true, series: [up], evalTime: '20m', labels: aggregateLabels(target), value: 1 },
      { name: 'RequestMetricAbsent stays quiet while the request counter is scraped', fires: false, series: [up, ...requestTraffic(target, counter, 0, 25)], evalTime: '20m', labels: {}, value: 0 },
    ],
  };
}

/**
 * Availability SLO rules: the 5xx error ratio recorded over the windows the burn-rate alerts need, and
 * the multiwindow, multi-burn-rate alerts of the Google SRE workbook (chapter "Alerting on SLOs"):
 * page at 14.4× over 1h and 5m, page at 6× over 6h and 30m, ticket at 1× over 3d and 6h.
 */
import { aggregateLabels, groupBy, jobMatchers, type AlertRule, type Finding, type RecordingRule, type RuleTarget } from './alert-rule.js';
import type { RequestCounter } from './metric-detect.js';
import { ratioAbove, requestTraffic } from './test-series.js';

export const RATIO_WINDOWS = ['5m', '30m', '1h', '6h', '3d'] as const;
export type RatioWindow = (typeof RATIO_WINDOWS)[number];

/** Name of the recorded 5xx ratio over `window` (level:metric:operations naming). */
export function errorRatioRecord(window: RatioWindow): string {
  return `job:http_requests_errors:ratio_rate${window}`;
}

const sel = (counter: RequestCounter, target: RuleTarget, errors: boolean) =>
  `${counter.series}{${jobMatchers(target)}${errors ? `,${counter.statusLabel}=~"5.."` : ''}}`;

/** Recording rules for the 5xx ratio; `or 0 * total` keeps the ratio at 0 (not absent) while nothing has failed. */
export function errorRatioRecordings(counter: RequestCounter, target: RuleTarget): RecordingRule[] {
  return RATIO_WINDOWS.map((window) => {
    const total = `sum by (${groupBy(target)}) (rate(${sel(counter, target, false)}[${window}]))`;
    const errors = `sum by (${groupBy(target)}) (rate(${sel(counter, target, true)}[${window}]))`;
    const rule: RecordingRule = { record: errorRatioRecord(window), expr: `(${errors} or 0 * ${total}) / ${total}`, cases: [] };
    if (window === '5m') {
      const labels = `${rule.record}{${jobMatchers(target)}}`;
      rule.cases = [
        { name: `${rule.record} is 0 (not absent) when no request failed`, series: requestTraffic(target, counter, 0, 30), evalTime: '20m', samples: [{ labels, value: 0 }] },
        { name: `${rule.record} equals the 5xx share of requests`, series: requestTraffic(target, counter, 0.25, 30), evalTime: '20m', samples: [{ labels, value: 0.25 }] },
      ];
    }
    return rule;
  });
}

interface BurnWindow {
  alert: string;
  factor: number;
  long: RatioWindow;
  short: RatioWindow;
  for: string;
  severity: 'critical' | 'warning';
  action: string;
}

/** The workbook's three pairs: two pages and a ticket. */
export const BURN_WINDOWS: BurnWindow[] = [
  { alert: 'ErrorBudgetBurnFast', factor: 14.4, long: '1h', short: '5m', for: '2m', severity: 'critical', action: 'page' },
  { alert: 'ErrorBudgetBurnMedium', factor: 6, long: '6h', short: '30m', for: '15m', severity: 'critical', action: 'page' },
  { alert: 'ErrorBudgetBurnSlow', factor: 1, long: '3d', short: '6h', for: '1h', severity: 'warning', action: 'ticket' },
];

/** Minutes of synthetic data before each burn alert's test evaluation (its `for` plus margin). */
const EVAL_MINUTES: Record<string, number> = { '2m': 30, '15m': 60, '1h': 90 };

/** Burn-rate alerts for `target` (an availability such as 0.995); pairs that could never fire become findings. */
export function burnRateAlerts(counter: RequestCounter, target: RuleTarget, availabilityTarget: number): { rules: AlertRule[]; findings: Finding[] } {
  const budget = 1 - availabilityTarget;
  const rules: AlertRule[] = [];
  const findings: Finding[] = [];
  const pct = (n: number) => `${Number((n * 100).toPrecision(6))}%`;
  for (const w of BURN_WINDOWS) {
    const threshold = Number((w.factor * budget).toPrecision(12));
    if (threshold >= 1) {
      findings.push({
        level: 'warning',
        rule: w.alert,
        message: `not generated: a ${w.factor}× burn of a ${pct(availabilityTarget)} SLO needs an error ratio of ${pct(threshold)}, which can never happen`,
      });
      continue;
    }
    const evalMinutes = EVAL_MINUTES[w.for]!;
    const minutes = evalMinutes + 10;
    const bad = ratioAbove(threshold);
    const quiet = budget / 2;
    rules.push({
      alert: w.alert,
      expr: `${errorRatioRecord(w.long)}{${jobMatchers(target)}} > ${threshold} and ${errorRatioRecord(w.short)}{${jobMatchers(target)}} > ${threshold}`,
      for: w.for,
      severity: w.severity,
      annotations: {
        summary: `{{ $labels.job }} is burning its error budget ${w.factor}x too fast (${w.action})`,
        description: `{{ $value | humanizePercentage }} of requests failed over the last ${w.long} (and over ${w.short}); at this rate the ${pct(availabilityTarget)} availability SLO budget (${pct(budget)}) is spent ${w.factor}x faster than allowed.`,
      },
      cases: [
        {
          name: `${w.alert} fires when ${pct(bad)} of requests fail`,
          fires: true,
          series: requestTraffic(target, counter, bad, minutes),
          evalTime: `${evalMinutes}m`,
          labels: aggregateLabels(target),
          value: bad,
        },
        {
          name: `${w.alert} stays quiet at half the error budget (${pct(quiet)})`,
          fires: false,
          series: requestTraffic(target, counter, quiet, minutes),
          evalTime: `${evalMinutes}m`,
          labels: {},
          value: 0,
        },
      ],
    });
  }
  return { rules, findings };
}

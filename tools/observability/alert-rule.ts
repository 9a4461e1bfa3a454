/**
 * The shapes the alert generator works with: rules that carry their own promtool test cases,
 * so every alert we write comes with proof that it fires on bad series and stays quiet on good ones.
 */

export type FindingLevel = 'error' | 'warning' | 'info';

export interface Finding {
  level: FindingLevel;
  /** The rule (or group, or file) it is about, when there is one. */
  rule: string | null;
  message: string;
}

/** One promtool input series in expanding notation, e.g. `0+20x90`. */
export interface InputSeries {
  series: string;
  values: string;
}

/** A promtool alert test: given these series, at `evalTime` the alert fires with `labels` (or does not fire). */
export interface AlertCase {
  name: string;
  fires: boolean;
  series: InputSeries[];
  evalTime: string;
  /** Labels of the expression's result (the rule's own labels are added by the test writer). */
  labels: Record<string, string>;
  /** The expression's value at `evalTime`, for the `$value` annotations. */
  value: number;
}

export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  severity: 'critical' | 'warning';
  annotations: { summary: string; description: string };
  cases: AlertCase[];
}

/** A promtool expression test of a recording rule: the recorded series and values at `evalTime`. */
export interface RecordCase {
  name: string;
  series: InputSeries[];
  evalTime: string;
  samples: { labels: string; value: number }[];
}

export interface RecordingRule {
  record: string;
  expr: string;
  cases: RecordCase[];
}

/** Who the rules are for: the Prometheus job (the service name), one instance, the environment. */
export interface RuleTarget {
  job: string;
  instance: string;
  service: string;
  environment: string;
  /** Extra equality matchers every series of this environment carries (from metrics.prometheus.selector), e.g. environment="production". */
  selector: Record<string, string>;
}

/** A PromQL selector/series literal `name{label="value",…}` with values escaped. */
export function seriesText(name: string, labels: Record<string, string>): string {
  const escape = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  const body = Object.entries(labels)
    .map(([key, value]) => `${key}="${escape(value)}"`)
    .join(',');
  return body ? `${name}{${body}}` : name;
}

/** The target labels every test series carries: job, instance and the environment selector's labels. */
export function targetLabels(target: RuleTarget): Record<string, string> {
  return { job: target.job, instance: target.instance, ...target.selector };
}

/** Matchers that pick this service's series in this environment: `job="demo"` plus the selector's. */
export function jobMatchers(target: RuleTarget): string {
  return seriesText('', { job: target.job, ...target.selector }).slice(1, -1);
}

/** Labels kept when a rule aggregates this service's series: `by (job, <selector labels>)`. */
export function groupBy(target: RuleTarget): string {
  return ['job', ...Object.keys(target.selector)].join(', ');
}

/** The labels an aggregated (or absent()) result carries: job plus the selector's labels. */
export function aggregateLabels(target: RuleTarget): Record<string, string> {
  return { job: target.job, ...target.selector };
}

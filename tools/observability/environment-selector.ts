/**
 * The environment's label matchers (config metrics.prometheus.selector, e.g. `environment="{{environment}}"`):
 * when a Prometheus watches several environments, every rule must pick this one's series.
 */
import type { Finding } from './alert-rule.js';
import { readSelectors } from './promql-selectors.js';

/** Equality matchers of the configured selector for `environment`; other matcher kinds are reported and ignored. */
export function environmentSelector(selector: string | undefined, environment: string): { labels: Record<string, string>; findings: Finding[] } {
  if (!selector || selector.trim() === '') return { labels: {}, findings: [] };
  const text = selector.replace(/\{\{\s*environment\s*\}\}/g, environment);
  const reading = readSelectors(`{${text}}`);
  const parsed = reading.selectors[0];
  if (reading.errorAt !== null || !parsed || reading.selectors.length !== 1) {
    return { labels: {}, findings: [{ level: 'warning', rule: null, message: `metrics.prometheus.selector ${JSON.stringify(selector)} is not a list of label matchers; rules select by job only` }] };
  }
  const findings: Finding[] = [];
  const ignored = parsed.labels.filter((label) => !(label in parsed.equals));
  if (ignored.length > 0) {
    findings.push({ level: 'warning', rule: null, message: `metrics.prometheus.selector: only label="value" matchers are used in rules; ignored the matchers on ${ignored.join(', ')}` });
  }
  return { labels: parsed.equals, findings };
}

/**
 * Keeps only rules whose every selector names a series the service really exposes (or one Prometheus adds,
 * or one an earlier kept recording rule records), with labels that series carries. The rest are dropped
 * and reported: an alert on a metric that does not exist never fires and gives false comfort.
 */
import type { AlertRule, Finding, RecordingRule } from './alert-rule.js';
import { hasLabel, hasSeries, type MetricInventory } from './metric-inventory.js';
import { readSelectors } from './promql-selectors.js';

/**
 * Problems of one expression against the inventory and the recorded names ([] when it only uses what exists).
 * `targetLabels` are labels Prometheus adds to every series of the target (e.g. an `environment` label).
 */
export function missingReferences(expr: string, inventory: MetricInventory, recorded: Set<string>, targetLabels: string[] = []): string[] {
  const reading = readSelectors(expr);
  const problems: string[] = [];
  if (reading.errorAt !== null) problems.push(`PromQL syntax error at character ${reading.errorAt + 1}`);
  for (const selector of reading.selectors) {
    if (!selector.metric) {
      problems.push('a selector without a metric name');
      continue;
    }
    if (recorded.has(selector.metric)) continue;
    if (!hasSeries(inventory, selector.metric)) {
      problems.push(`metric ${selector.metric} is not exposed by ${inventory.source}`);
      continue;
    }
    for (const label of selector.labels) {
      if (!targetLabels.includes(label) && !hasLabel(inventory, selector.metric, label)) problems.push(`metric ${selector.metric} has no label ${label}`);
    }
  }
  return [...new Set(problems)];
}

/** Split rules into those the service's metrics support and findings for the dropped ones. */
export function keepSupportedRules(
  recordings: RecordingRule[],
  alerts: AlertRule[],
  inventory: MetricInventory,
  targetLabels: string[] = [],
): { recordings: RecordingRule[]; alerts: AlertRule[]; findings: Finding[] } {
  const recorded = new Set<string>();
  const findings: Finding[] = [];
  const keptRecordings = recordings.filter((rule) => {
    const problems = missingReferences(rule.expr, inventory, recorded, targetLabels);
    if (problems.length === 0) {
      recorded.add(rule.record);
      return true;
    }
    findings.push({ level: 'error', rule: rule.record, message: `recording rule dropped: ${problems.join('; ')}` });
    return false;
  });
  const keptAlerts = alerts.filter((rule) => {
    const problems = missingReferences(rule.expr, inventory, recorded, targetLabels);
    if (problems.length === 0) return true;
    findings.push({ level: 'error', rule: rule.alert, message: `alert dropped: ${problems.join('; ')}` });
    return false;
  });
  return { recordings: keptRecordings, alerts: keptAlerts, findings };
}

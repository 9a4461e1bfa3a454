/**
 * Assembles the alert set for a service from what it really exposes: SLO recordings, the seed's four alerts,
 * the burn-rate alerts and the absent() guard, then drops anything that references a missing metric.
 */
import type { AlertRule, Finding, RecordingRule, RuleTarget } from './alert-rule.js';
import { findDatabaseSignal, findHealthGauge, findLatencyHistogram, findRequestCounter } from './metric-detect.js';
import type { MetricInventory } from './metric-inventory.js';
import { keepSupportedRules } from './rule-coverage.js';
import { databaseAlert, errorRateAlert, healthGaugeAlert, latencyAlert, requestMetricAbsentAlert, targetDownAlert } from './seed-alerts.js';
import { burnRateAlerts, errorRatioRecordings } from './slo-rules.js';

export interface AlertThresholds {
  errorRate: number;
  latencyP95Seconds: number;
  availabilityTarget: number;
}

export interface AlertSet {
  recordings: RecordingRule[];
  alerts: AlertRule[];
  findings: Finding[];
}

/** Build every rule the inventory supports; what it cannot support becomes a finding, never an invented metric. */
export function buildAlertRules(inventory: MetricInventory, target: RuleTarget, thresholds: AlertThresholds): AlertSet {
  const recordings: RecordingRule[] = [];
  const alerts: AlertRule[] = [];
  const findings: Finding[] = [];
  const add = (built: { rule: AlertRule } | { finding: Finding }) => {
    if ('rule' in built) alerts.push(built.rule);
    else findings.push(built.finding);
  };

  const counter = findRequestCounter(inventory);
  if ('missing' in counter) {
    findings.push({ level: 'error', rule: 'HighErrorRate', message: `error-rate, SLO burn-rate and absent() alerts not generated: ${counter.missing}` });
  } else {
    recordings.push(...errorRatioRecordings(counter, target));
    add(errorRateAlert(counter, target, thresholds.errorRate));
  }

  const histogram = findLatencyHistogram(inventory);
  if ('missing' in histogram) findings.push({ level: 'error', rule: 'HighLatencyP95', message: `latency alert not generated: ${histogram.missing}` });
  else add(latencyAlert(histogram, target, thresholds.latencyP95Seconds));

  alerts.push(targetDownAlert(target));
  const healthGauge = findHealthGauge(inventory);
  if (healthGauge) alerts.push(healthGaugeAlert(healthGauge, target));
  else findings.push({ level: 'info', rule: 'HealthCheckFailing', message: 'the health alert uses `up == 0` only: the service exports no health gauge (e.g. health_check_status{check="database"})' });

  const database = findDatabaseSignal(inventory);
  if (database) alerts.push(databaseAlert(database, target));
  else {
    findings.push({
      level: 'warning',
      rule: 'DatabaseConnectionErrors',
      message: `not generated: ${inventory.source} exposes no database metric (looked for a *_total counter naming db/database and errors, a health gauge with check="database", or a db *_up gauge); export one, e.g. db_connection_errors_total, to alert on database connection errors`,
    });
  }

  if (!('missing' in counter)) {
    const burn = burnRateAlerts(counter, target, thresholds.availabilityTarget);
    alerts.push(...burn.rules);
    findings.push(...burn.findings);
    alerts.push(requestMetricAbsentAlert(counter, target));
  }

  const kept = keepSupportedRules(recordings, alerts, inventory, Object.keys(target.selector));
  return { recordings: kept.recordings, alerts: kept.alerts, findings: [...findings, ...kept.findings] };
}

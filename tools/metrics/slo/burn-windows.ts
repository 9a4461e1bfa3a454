/**
 * Multiwindow, multi-burn-rate alerting from the Google SRE workbook ("Alerting on SLOs", table 5-8):
 * an alert fires when both its long and its short window burn the error budget faster than its threshold.
 */

export interface BurnWindow {
  name: string;
  seconds: number;
}

export interface BurnAlertRule {
  severity: 'page' | 'ticket';
  long: BurnWindow;
  short: BurnWindow;
  /** Budget burn rate (error ratio / (1 − SLO)) both windows must exceed. */
  burnRate: number;
}

const w = (name: string, seconds: number): BurnWindow => ({ name, seconds });
const M = 60;
const H = 3600;

export const BURN_ALERT_RULES: BurnAlertRule[] = [
  { severity: 'page', long: w('1h', H), short: w('5m', 5 * M), burnRate: 14.4 },
  { severity: 'page', long: w('6h', 6 * H), short: w('30m', 30 * M), burnRate: 6 },
  { severity: 'ticket', long: w('3d', 72 * H), short: w('6h', 6 * H), burnRate: 1 },
];

/** Every distinct window the rules use, shortest first. */
export const BURN_WINDOWS: BurnWindow[] = [...new Map(BURN_ALERT_RULES.flatMap((r) => [r.short, r.long]).map((x) => [x.name, x])).values()].sort(
  (a, b) => a.seconds - b.seconds,
);

/** The error-budget period (30 days), as in the workbook's examples. */
export const BUDGET_WINDOW: BurnWindow = w('30d', 30 * 24 * H);

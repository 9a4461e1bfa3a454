/** A realistic run's ledger for the docs and comms tests: the entries the deploy, rollback and observability tools record. */
import type { Ledger } from '../../src/ledger/ledger.js';

const at = '2026-11-09T15:30:00.000Z';

/** Append one tool call to the ledger and return its evidence id. */
export function record(ledger: Ledger, tool: string, input: Record<string, unknown>, output: unknown, ok = true, error?: string): string {
  return ledger.append({ kind: 'tool_call', tool, input, output: ok ? output : undefined, ok, error, startedAt: at, durationMs: 12 }).id;
}

/** Record a call the policy guard refused (nothing ran). */
export function recordRefused(ledger: Ledger, tool: string, input: Record<string, unknown>, rule: string, reason: string): string {
  return ledger.append({ kind: 'tool_call', tool, input, ok: false, error: reason, refused: { rule, reason }, startedAt: at, durationMs: 0 }).id;
}

/** A full feature-flag release: plan, staging + production deploys, smoke tests, rollback plan and verify, backup, dashboard, alerts, monitoring. */
export function recordFullRelease(ledger: Ledger): Record<string, string> {
  return {
    plan: record(ledger, 'deploy_plan', {}, {
      strategy: 'feature_flag',
      why: 'the release introduces the flag new-endpoint',
      steps: ['Deploy code with new-endpoint off', 'Test in staging with the flag on', 'Production 0% → 10% → 50% → 100%'],
      flag: 'new-endpoint',
      requiresBackup: true,
      migrationRollback: ['python manage.py migrate app 0005'],
    }),
    staging: record(ledger, 'deploy_execute', { environment: 'staging' }, {
      environment: 'staging', version: '1.3.0', strategy: 'feature_flag', healthy: true, state: {}, flag: { name: 'new-endpoint', percent: 100 }, steps: [],
    }),
    smokeStaging: record(ledger, 'smoke_test', { environment: 'staging' }, {
      environment: 'staging', passed: true, version: '1.3.0',
      checks: [{ name: 'health', passed: true, detail: '200' }, { name: 'database', passed: true, detail: 'ok' }],
    }),
    backup: record(ledger, 'backup_create', {}, {
      file: 'backups/backup_v1.3.0_2026-11-09.json', sizeBytes: 2048, sha256: 'a'.repeat(64), previousTag: 'v1.2.0', restoreChecked: true,
    }),
    rollbackPlan: record(ledger, 'rollback_plan', {}, {
      scenarios: [
        { scenario: 'feature_flag', applicable: true, action: 'flags_set new-endpoint 0', estimate: '<1 minuto', measuredMs: null },
        { scenario: 'migration', applicable: true, action: 'python manage.py migrate app 0005', estimate: '1-2 minutos', measuredMs: null },
        { scenario: 'git_revert', applicable: true, action: 'git revert abc1234 && redeploy', estimate: '5-10 minutos', measuredMs: null },
        { scenario: 'blue_green', applicable: false, action: 'switch back to blue', estimate: 'instantâneo', measuredMs: null },
      ],
      recommended: 'feature_flag',
      backupFile: 'backups/backup_v1.3.0_2026-11-09.json',
    }),
    rollbackVerify: record(ledger, 'rollback_verify', { environment: 'staging' }, {
      verified: true, environment: 'staging', totalMs: 900,
      scenarios: [{ scenario: 'feature_flag', rollbackMs: 42, previousVersionAnswered: true, rolledForward: true, detail: '' }],
    }),
    production: record(ledger, 'deploy_execute', { environment: 'production' }, {
      environment: 'production', version: '1.3.0', strategy: 'feature_flag', healthy: true, state: {}, flag: { name: 'new-endpoint', percent: 0 }, steps: [],
    }),
    dashboard: record(ledger, 'dashboard_generate', {}, {
      file: 'out/observability/dashboard.json', title: 'demo — SRE', uid: 'demo', panels: [{ title: 'Request rate', expr: 'x' }, { title: 'Error rate', expr: 'y' }],
    }),
    alerts: record(ledger, 'alerts_generate', {}, {
      file: 'out/observability/alerts.rules.yml', valid: true, rules: [{ name: 'HighErrorRate', severity: 'page' }, { name: 'HighLatencyP95', severity: 'page' }],
    }),
    monitoring: record(ledger, 'monitoring_verify', { environment: 'production' }, { live: true, environment: 'production' }),
  };
}

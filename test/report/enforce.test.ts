import { describe, expect, it } from 'vitest';
import { SreConfig } from '../../schemas/config.js';
import { QaHandoff } from '../../schemas/qa-handoff.js';
import { Ledger, type NewEntry } from '../../src/ledger/ledger.js';
import { draftReport } from '../../src/report/draft-report.js';
import { enforceReport } from '../../src/report/enforce.js';
import { MINIMAL_CONFIG } from '../helpers/tool-context.js';

const config = SreConfig.parse(MINIMAL_CONFIG);
const handoff = QaHandoff.parse({
  release: { version: '1.3.0', commit: 'abc123def456', branch: 'main', previousVersion: '1.2.0' },
  qa: { verdict: 'approved' },
  claims: { tests: { passed: 220, total: 220 }, coverage: { lines: 92 } },
  featureFlags: [{ key: 'new-endpoint' }],
});

const call = (tool: string, output: unknown, input: Record<string, unknown> = {}, ok = true): NewEntry => ({
  kind: 'tool_call',
  tool,
  input,
  output,
  ok,
  startedAt: new Date().toISOString(),
  durationMs: 5,
});

/** A ledger holding every successful call a full delivery needs. */
function fullLedger(): Ledger {
  const l = new Ledger();
  l.append(call('qa_handoff_verify', { verdict: 'approved', consistent: true, findings: [], measured: { tests: { passed: 220, failed: 0, errors: 0, skipped: 0, total: 220 }, coverage: { lines: 92, format: 'lcov' }, security: null } }));
  l.append(call('ci_run_tests', { exitCode: 0, timedOut: false, tests: { passed: 220, failed: 0, errors: 0, skipped: 0, total: 220 }, coverage: { lines: 92, threshold: 85, passed: true, format: 'lcov' }, gatePassed: true, reasons: [] }));
  l.append(call('ci_security_scan', { counts: { critical: 0, high: 0, medium: 0, low: 0 }, total: 0, findings: [], waived: [], gatePassed: true }));
  l.append(call('ci_validate_pipeline', { file: '.github/workflows/ci.yml', findings: [], valid: true }));
  l.append(call('deploy_plan', { strategy: 'feature_flag', why: 'flag introduced', steps: [], flag: 'new-endpoint', requiresBackup: false }));
  l.append(call('backup_create', { file: 'backups/b.sql', sizeBytes: 10, sha256: 'a'.repeat(64), previousTag: 'v1.2.0' }));
  l.append(call('deploy_execute', { environment: 'staging', version: '1.3.0', healthy: true }, { environment: 'staging' }));
  l.append(call('smoke_test', { environment: 'staging', passed: true, checks: [{ name: 'health', passed: true, detail: '200' }] }, { environment: 'staging' }));
  l.append(call('health_check', { environment: 'staging', status: 'healthy' }, { environment: 'staging' }));
  l.append(call('rollback_plan', { scenarios: [{ scenario: 'feature_flag', applicable: true, action: 'flag off', estimate: '<1 minuto', measuredMs: null }] }));
  l.append(call('rollback_verify', { verified: true, scenarios: [{ scenario: 'feature_flag', rollbackMs: 40, previousVersionAnswered: true, rolledForward: true }] }, { environment: 'staging' }));
  l.append(call('deploy_execute', { environment: 'production', version: '1.3.0', healthy: true, flag: { name: 'new-endpoint', percent: 0 } }, { environment: 'production' }));
  l.append(call('smoke_test', { environment: 'production', passed: true, checks: [] }, { environment: 'production' }));
  l.append(call('logging_config', { format: 'json', file: 'x' }));
  l.append(call('tracing_config', { exporter: 'otlp', file: 'y' }));
  l.append(call('dashboard_generate', { title: 'demo', file: 'dash.json' }));
  l.append(call('alerts_generate', { rules: [{ name: 'HighErrorRate' }], valid: true }));
  l.append(call('monitoring_verify', { live: true }));
  l.append(call('changelog_update', { applied: true }));
  l.append(call('readme_flags_update', { applied: true }));
  l.append(call('deploy_doc_update', { applied: true }));
  l.append(call('notify_team', { notified: true, message: 'v1.3.0 out' }));
  return l;
}

describe('report enforcer', () => {
  it('accepts a report drafted from a ledger that proves every checklist item', () => {
    const ledger = fullLedger();
    const report = draftReport({ ledger, handoff, config });
    const result = enforceReport(report, { ledger, handoff, config });
    expect(result.violations).toEqual([]);
    expect(result.accepted).toBe(true);
    expect(result.report?.status).toBe('delivered');
    expect(result.report?.pipeline.tests).toMatchObject({ passed: 220, total: 220 });
  });

  it('rejects a checklist item marked done without evidence and blocks the report', () => {
    const ledger = fullLedger();
    const report = draftReport({ ledger, handoff, config });
    // Claim the rollback was tested by citing only the plan (no rollback_verify).
    const planId = ledger.byTool('rollback_plan')[0]!.id;
    const tampered = { ...report, checklist: { ...report.checklist, rollback_plan: { done: true, evidence: [planId] } } };
    const result = enforceReport(tampered, { ledger, handoff, config });
    expect(result.accepted).toBe(false);
    expect(result.report?.status).toBe('blocked');
    expect(result.violations.join('\n')).toMatch(/checklist\.rollback_plan .*rollback realmente executado e verificado/);
    expect(result.report?.checklist.rollback_plan.done).toBe(false);
  });

  it('rejects evidence ids that are not in the ledger', () => {
    const ledger = fullLedger();
    const report = draftReport({ ledger, handoff, config });
    const tampered = { ...report, checklist: { ...report.checklist, backup: { done: true, evidence: ['E999'] } } };
    const result = enforceReport(tampered, { ledger, handoff, config });
    expect(result.report?.status).toBe('blocked');
    expect(result.violations.join('\n')).toMatch(/E999, which is not in the ledger/);
  });

  it('rejects a test figure that differs from what the tools measured (the handoff claim is not evidence)', () => {
    const ledger = fullLedger();
    const report = draftReport({ ledger, handoff, config });
    const tampered = { ...report, pipeline: { ...report.pipeline, tests: { ...report.pipeline.tests!, passed: 219, failed: 1 } } };
    const result = enforceReport(tampered, { ledger, handoff, config });
    expect(result.accepted).toBe(false);
    expect(result.report?.status).toBe('blocked');
    expect(result.violations.join('\n')).toMatch(/pipeline\.tests says 219\/220 passed .* measured 220\/220/);
  });

  it('rejects a coverage figure that differs from the measurement', () => {
    const ledger = fullLedger();
    const report = draftReport({ ledger, handoff, config });
    const tampered = { ...report, pipeline: { ...report.pipeline, coverage: { ...report.pipeline.coverage!, lines: 95 } } };
    const result = enforceReport(tampered, { ledger, handoff, config });
    expect(result.violations.join('\n')).toMatch(/pipeline\.coverage says 95% but E\d+ \(ci_run_tests\) measured 92%/);
  });

  it('does not let a report be delivered when a checklist item is not done', () => {
    const ledger = fullLedger();
    const report = draftReport({ ledger, handoff, config });
    const tampered = { ...report, status: 'delivered', checklist: { ...report.checklist, team_communicated: { done: false, reason: 'no channel' } } };
    const result = enforceReport(tampered, { ledger, handoff, config });
    expect(result.report?.status).toBe('blocked');
    expect(result.report?.blockingReasons.join('\n')).toMatch(/Time comunicado/);
  });

  it('drafts a blocked report naming what is missing when tools never ran', () => {
    const ledger = new Ledger();
    const report = draftReport({ ledger, handoff, config });
    expect(report.status).toBe('blocked');
    expect(report.checklist.backup).toMatchObject({ done: false });
    expect(report.pipeline.tests).toBeNull();
    const result = enforceReport(report, { ledger, handoff, config });
    expect(result.accepted).toBe(true);
  });

  it('treats a schema-invalid report as rejected with field paths', () => {
    const result = enforceReport({ status: 'delivered' }, { ledger: new Ledger(), handoff, config });
    expect(result.report).toBeNull();
    expect(result.violations.some((v) => v.startsWith('report.summary'))).toBe(true);
  });

  it('rejects a failed or refused entry cited as proof', () => {
    const ledger = fullLedger();
    const refused = ledger.append({ ...call('notify_team', undefined, {}, false), refused: { rule: 'x', reason: 'no' } });
    const report = draftReport({ ledger, handoff, config });
    const tampered = { ...report, checklist: { ...report.checklist, team_communicated: { done: true, evidence: [refused.id] } } };
    const result = enforceReport(tampered, { ledger, handoff, config });
    expect(result.violations.join('\n')).toMatch(new RegExp(`${refused.id} \\(notify_team\\), which failed \\(refused by x\\)`));
  });
});

describe('report rendering', () => {
  it('renders the seed output block with every section heading, in order', async () => {
    const { renderReportMarkdown } = await import('../../src/report/render-markdown.js');
    const ledger = fullLedger();
    const md = renderReportMarkdown(draftReport({ ledger, handoff, config, now: new Date('2025-11-09T15:30:00Z') }));
    const headings = ['SRE: DEPLOY COMPLETO — v1.3.0', '## Resumo', '## Release', '## Deploy', '### Estratégia', '### Ambientes', '### Smoke Tests', '## Pipeline CI/CD', '## Observabilidade', '### Dashboards', '### Alertas', '### Logs', '## Rollback', '### Plano Testado', '### Backup', '### Tempo Estimado', '## Documentação Atualizada', '## Comunicação', '## Monitoramento Pós-Deploy', '## Plano de Ativação', '## Próximos Passos', '## Checklist Final'];
    let at = -1;
    for (const h of headings) {
      const i = md.indexOf(h);
      expect(i, h).toBeGreaterThan(at);
      at = i;
    }
    expect(md).toContain('- **Tests**: 220/220 passou (100%)');
    expect(md).toContain('- **Data**: 2025-11-09 15:30 UTC');
    expect(md).toMatch(/- \[x\] Rollback plan documentado e testado \(E\d+, E\d+\)/);
  });
});

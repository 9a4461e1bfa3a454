/** Build PolicyState objects over a real Ledger for rule tests. */
import { SreConfig, type SreConfigInput } from '../../../schemas/config.js';
import type { QaHandoff } from '../../../schemas/qa-handoff.js';
import { Ledger } from '../../../src/ledger/ledger.js';
import type { PolicyState } from '../../../src/policy/rule.js';
import { MINIMAL_CONFIG } from '../../helpers/tool-context.js';
import { makeHandoff } from '../../rollback/helpers/handoff.js';

export interface TestRun {
  ledger: Ledger;
  state: PolicyState;
  /** Append a tool call entry, as the MCP server would after running the tool. */
  record(tool: string, input: Record<string, unknown>, output: Record<string, unknown> | undefined, ok?: boolean): string;
}

/** A run with an empty ledger, the minimal config (plus overrides) and a 1.3.0 handoff (or the given one). */
export function newRun(options: { config?: Partial<SreConfigInput>; handoff?: QaHandoff | null } = {}): TestRun {
  const ledger = new Ledger();
  const config = SreConfig.parse({ ...MINIMAL_CONFIG, ...options.config });
  const handoff = options.handoff === undefined ? makeHandoff() : options.handoff;
  return {
    ledger,
    state: { ledger, config, handoff },
    record(tool, input, output, ok = true) {
      return ledger.append({
        kind: 'tool_call',
        tool,
        input,
        output,
        ok,
        error: ok ? undefined : 'failed',
        startedAt: new Date().toISOString(),
        durationMs: 1,
      }).id;
    },
  };
}

/** Every piece of evidence the production gates ask for, recorded in delivery order. */
export function recordGreenEvidence(run: TestRun, skip: string[] = []): void {
  const steps: Array<[string, string, Record<string, unknown>, Record<string, unknown>]> = [
    ['qa', 'qa_handoff_verify', {}, { verdict: 'approved', consistent: true }],
    ['tests', 'ci_run_tests', {}, { gatePassed: true }],
    ['security', 'ci_security_scan', {}, { gatePassed: true }],
    ['staging-deploy', 'deploy_execute', { environment: 'staging' }, { environment: 'staging', version: '1.3.0', healthy: true }],
    ['staging-smoke', 'smoke_test', { environment: 'staging' }, { environment: 'staging', version: '1.3.0', passed: true }],
    ['backup', 'backup_create', {}, { file: '/b/backup_v1.3.0.sql', sizeBytes: 10, sha256: 'a'.repeat(64) }],
    ['rollback-plan', 'rollback_plan', {}, { scenarios: [{ scenario: 'feature_flag', applicable: true }], recommended: 'feature_flag' }],
  ];
  for (const [key, tool, input, output] of steps) if (!skip.includes(key)) run.record(tool, input, output);
}

export const PRODUCTION_DEPLOY = { tool: 'deploy_execute', input: { environment: 'production' } };

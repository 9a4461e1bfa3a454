/** The whole rule list through evaluatePolicy: what a production release needs, and that rollback is never blocked. */
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../src/policy/guard.js';
import { POLICY_RULES } from '../../src/policy/rules/index.js';
import { makeHandoff } from '../rollback/helpers/handoff.js';
import { newRun, PRODUCTION_DEPLOY, recordGreenEvidence } from './helpers/policy-state.js';

describe('policy guard with the rule list', () => {
  it('allows a production deploy when every piece of evidence is there', () => {
    const run = newRun({ handoff: makeHandoff({ migrations: [{ name: '0006', reverse: 'migrate 0005' }] }) });
    recordGreenEvidence(run);
    expect(evaluatePolicy(PRODUCTION_DEPLOY, run.state)).toEqual({ allowed: true });
  });

  it.each([
    ['qa', 'qa-approved'],
    ['tests', 'tests-gate-passed'],
    ['security', 'security-gate-passed'],
    ['staging-deploy', 'staging-deploy-healthy'],
    ['staging-smoke', 'staging-smoke-passed'],
    ['backup', 'backup-before-migrations'],
    ['rollback-plan', 'rollback-plan-ready'],
  ])('refuses a production deploy without %s evidence, naming rule %s', (missing, rule) => {
    const run = newRun({ handoff: makeHandoff({ migrations: [{ name: '0006', reverse: 'migrate 0005' }] }) });
    recordGreenEvidence(run, [missing]);
    const decision = evaluatePolicy(PRODUCTION_DEPLOY, run.state);
    expect(decision).toMatchObject({ allowed: false, rule });
  });

  it.each([
    { tool: 'rollback_execute', input: { environment: 'production', scenario: 'feature_flag' } },
    { tool: 'flags_set', input: { environment: 'production', flag: 'new-endpoint', percent: 0 } },
    { tool: 'canary_set_weight', input: { environment: 'production', version: '1.3.0', weight: 0 } },
    { tool: 'deploy_execute', input: { environment: 'staging' } },
    { tool: 'rollback_verify', input: { environment: 'staging' } },
  ])('never refuses $tool $input with an empty ledger (rollback and staging stay open)', (action) => {
    expect(evaluatePolicy(action, newRun().state)).toEqual({ allowed: true });
  });

  it('has unique rule names, each with a description', () => {
    const names = POLICY_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of POLICY_RULES) expect(rule.description.length).toBeGreaterThan(10);
  });
});

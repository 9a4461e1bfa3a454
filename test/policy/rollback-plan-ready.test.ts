import { describe, expect, it } from 'vitest';
import { rollbackPlanReadyRule } from '../../src/policy/rules/rollback-plan-ready.js';
import { newRun, PRODUCTION_DEPLOY } from './helpers/policy-state.js';

describe('rule rollback-plan-ready', () => {
  it('allows production once a rollback plan has an applicable scenario', () => {
    const run = newRun();
    run.record('rollback_plan', {}, { scenarios: [{ scenario: 'git_revert', applicable: false }, { scenario: 'blue_green', applicable: true }] });
    expect(rollbackPlanReadyRule.check(PRODUCTION_DEPLOY, run.state)).toBeNull();
  });

  it('refuses without a rollback plan', () => {
    expect(rollbackPlanReadyRule.check(PRODUCTION_DEPLOY, newRun().state)).toMatch(/no rollback_plan in this run/);
  });

  it('refuses a plan where nothing applies', () => {
    const run = newRun();
    run.record('rollback_plan', {}, { scenarios: [{ scenario: 'feature_flag', applicable: false }] });
    expect(rollbackPlanReadyRule.check(PRODUCTION_DEPLOY, run.state)).toMatch(/\(E001\) has no applicable scenario/);
  });

  it('never blocks a rollback itself', () => {
    const rollback = { tool: 'rollback_execute', input: { environment: 'production', scenario: 'blue_green' } };
    expect(rollbackPlanReadyRule.check(rollback, newRun().state)).toBeNull();
  });
});

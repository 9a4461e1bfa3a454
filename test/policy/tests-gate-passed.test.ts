import { describe, expect, it } from 'vitest';
import { testsGatePassedRule } from '../../src/policy/rules/tests-gate-passed.js';
import { newRun, PRODUCTION_DEPLOY } from './helpers/policy-state.js';

describe('rule tests-gate-passed', () => {
  it('allows production when the latest ci_run_tests passed its gate', () => {
    const run = newRun();
    run.record('ci_run_tests', {}, { gatePassed: false });
    run.record('ci_run_tests', {}, { gatePassed: true });
    expect(testsGatePassedRule.check(PRODUCTION_DEPLOY, run.state)).toBeNull();
  });

  it('refuses when the latest run failed its gate', () => {
    const run = newRun();
    run.record('ci_run_tests', {}, { gatePassed: true });
    const id = run.record('ci_run_tests', {}, { gatePassed: false });
    expect(testsGatePassedRule.check(PRODUCTION_DEPLOY, run.state)).toBe(
      `production deploy_execute refused: the latest ci_run_tests (${id}) did not pass its gate`,
    );
  });

  it('refuses when tests never ran successfully (an errored call is no evidence)', () => {
    const run = newRun();
    run.record('ci_run_tests', {}, undefined, false);
    expect(testsGatePassedRule.check(PRODUCTION_DEPLOY, run.state)).toMatch(/no successful ci_run_tests/);
  });

  it('applies to raising a production flag above 0 too', () => {
    const run = newRun();
    const raise = { tool: 'flags_set', input: { environment: 'production', flag: 'new-endpoint', percent: 10 } };
    expect(testsGatePassedRule.check(raise, run.state)).toMatch(/^production flags_set new-endpoint=10% refused/);
  });
});

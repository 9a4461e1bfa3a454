import { describe, expect, it } from 'vitest';
import { securityGatePassedRule } from '../../src/policy/rules/security-gate-passed.js';
import { newRun, PRODUCTION_DEPLOY } from './helpers/policy-state.js';

describe('rule security-gate-passed', () => {
  it('allows production when the latest ci_security_scan passed its gate', () => {
    const run = newRun();
    run.record('ci_security_scan', {}, { gatePassed: true });
    expect(securityGatePassedRule.check(PRODUCTION_DEPLOY, run.state)).toBeNull();
  });

  it('refuses when the latest scan failed its gate', () => {
    const run = newRun();
    run.record('ci_security_scan', {}, { gatePassed: true });
    run.record('ci_security_scan', {}, { gatePassed: false });
    expect(securityGatePassedRule.check(PRODUCTION_DEPLOY, run.state)).toMatch(/the latest ci_security_scan \(E002\) did not pass its gate/);
  });

  it('refuses when no scan ran', () => {
    expect(securityGatePassedRule.check(PRODUCTION_DEPLOY, newRun().state)).toMatch(/no successful ci_security_scan/);
  });

  it('applies to a production canary weight above 0', () => {
    const weight = { tool: 'canary_set_weight', input: { environment: 'production', weight: 1 } };
    expect(securityGatePassedRule.check(weight, newRun().state)).toMatch(/^production canary_set_weight weight 1% refused/);
  });
});

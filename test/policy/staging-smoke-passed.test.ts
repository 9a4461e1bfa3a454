import { describe, expect, it } from 'vitest';
import { stagingSmokePassedRule } from '../../src/policy/rules/staging-smoke-passed.js';
import { newRun, PRODUCTION_DEPLOY } from './helpers/policy-state.js';

const staging = { environment: 'staging' };
const deployed = { environment: 'staging', version: '1.3.0', healthy: true };
const passed = { environment: 'staging', version: '1.3.0', passed: true };

describe('rule staging-smoke-passed', () => {
  it('allows production after smoke tests passed in staging after the deploy', () => {
    const run = newRun();
    run.record('deploy_execute', staging, deployed);
    run.record('smoke_test', staging, passed);
    expect(stagingSmokePassedRule.check(PRODUCTION_DEPLOY, run.state)).toBeNull();
  });

  it('refuses when the latest staging smoke test failed', () => {
    const run = newRun();
    run.record('deploy_execute', staging, deployed);
    run.record('smoke_test', staging, { ...passed, passed: false });
    expect(stagingSmokePassedRule.check(PRODUCTION_DEPLOY, run.state)).toMatch(/the latest staging smoke_test \(E002\) did not pass/);
  });

  it('refuses a smoke test that predates the latest staging deploy', () => {
    const run = newRun();
    run.record('smoke_test', staging, passed);
    run.record('deploy_execute', staging, deployed);
    expect(stagingSmokePassedRule.check(PRODUCTION_DEPLOY, run.state)).toMatch(/ran before the latest staging deploy \(E002\)/);
  });

  it('does not accept a production smoke test as staging evidence', () => {
    const run = newRun();
    run.record('smoke_test', { environment: 'production' }, { ...passed, environment: 'production' });
    expect(stagingSmokePassedRule.check(PRODUCTION_DEPLOY, run.state)).toMatch(/no successful staging smoke_test/);
  });

  it('refuses when staging smoke-tested another version', () => {
    const run = newRun();
    run.record('smoke_test', staging, { ...passed, version: '1.2.0' });
    expect(stagingSmokePassedRule.check(PRODUCTION_DEPLOY, run.state)).toMatch(/tested 1\.2\.0, not 1\.3\.0/);
  });
});

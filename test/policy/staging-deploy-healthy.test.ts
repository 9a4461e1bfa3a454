import { describe, expect, it } from 'vitest';
import { stagingDeployHealthyRule } from '../../src/policy/rules/staging-deploy-healthy.js';
import { newRun, PRODUCTION_DEPLOY } from './helpers/policy-state.js';

const staging = { environment: 'staging' };

describe('rule staging-deploy-healthy', () => {
  it('allows production after a healthy staging deploy of the same version', () => {
    const run = newRun();
    run.record('deploy_execute', staging, { environment: 'staging', version: '1.3.0', healthy: true });
    expect(stagingDeployHealthyRule.check(PRODUCTION_DEPLOY, run.state)).toBeNull();
  });

  it('refuses when staging was never deployed (a production deploy does not count)', () => {
    const run = newRun();
    run.record('deploy_execute', { environment: 'production' }, { environment: 'production', version: '1.3.0', healthy: true });
    expect(stagingDeployHealthyRule.check(PRODUCTION_DEPLOY, run.state)).toMatch(/no successful staging deploy_execute/);
  });

  it('refuses when the latest staging deploy is unhealthy', () => {
    const run = newRun();
    run.record('deploy_execute', staging, { environment: 'staging', version: '1.3.0', healthy: true });
    run.record('deploy_execute', staging, { environment: 'staging', version: '1.3.0', healthy: false });
    expect(stagingDeployHealthyRule.check(PRODUCTION_DEPLOY, run.state)).toMatch(/\(E002\) is not healthy/);
  });

  it('refuses to send to production a version staging never ran', () => {
    const run = newRun();
    run.record('deploy_execute', staging, { environment: 'staging', version: '1.3.0', healthy: true });
    const action = { tool: 'deploy_execute', input: { environment: 'production', version: '1.4.0' } };
    expect(stagingDeployHealthyRule.check(action, run.state)).toMatch(/staging runs 1\.3\.0 \(E001\) but production would get 1\.4\.0/);
  });
});

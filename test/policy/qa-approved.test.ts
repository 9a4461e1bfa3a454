import { describe, expect, it } from 'vitest';
import { qaApprovedRule } from '../../src/policy/rules/qa-approved.js';
import { newRun, PRODUCTION_DEPLOY } from './helpers/policy-state.js';

describe('rule qa-approved', () => {
  it('allows a production deploy when the latest qa_handoff_verify is approved and consistent', () => {
    const run = newRun();
    run.record('qa_handoff_verify', {}, { verdict: 'approved', consistent: true });
    expect(qaApprovedRule.check(PRODUCTION_DEPLOY, run.state)).toBeNull();
  });

  it('refuses when QA was never verified', () => {
    const run = newRun();
    expect(qaApprovedRule.check(PRODUCTION_DEPLOY, run.state)).toMatch(/^production deploy_execute refused: no successful qa_handoff_verify/);
  });

  it('refuses when the latest verification says rejected, even after an earlier approval', () => {
    const run = newRun();
    run.record('qa_handoff_verify', {}, { verdict: 'approved', consistent: true });
    const id = run.record('qa_handoff_verify', {}, { verdict: 'rejected', consistent: true });
    expect(qaApprovedRule.check(PRODUCTION_DEPLOY, run.state)).toMatch(new RegExp(`\\(${id}\\) says verdict rejected`));
  });

  it('refuses when QA claims do not match the artifacts', () => {
    const run = newRun();
    run.record('qa_handoff_verify', {}, { verdict: 'approved', consistent: false });
    expect(qaApprovedRule.check(PRODUCTION_DEPLOY, run.state)).toMatch(/inconsistent with the artifacts/);
  });

  it('does not apply to staging deploys', () => {
    const run = newRun();
    expect(qaApprovedRule.check({ tool: 'deploy_execute', input: { environment: 'staging' } }, run.state)).toBeNull();
  });
});

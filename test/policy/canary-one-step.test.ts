import { describe, expect, it } from 'vitest';
import { canaryOneStepRule } from '../../src/policy/rules/canary-one-step.js';
import { newRun } from './helpers/policy-state.js';

const weight = (w: number, environment = 'production') => ({ tool: 'canary_set_weight', input: { environment, version: '1.3.0', weight: w } });
const prod = { environment: 'production' };
const state = (canary: number) => ({ environment: 'production', activeVersion: '1.2.0', previousVersion: null, weights: { '1.2.0': 100 - canary, '1.3.0': canary }, details: {} });

describe('rule canary-one-step', () => {
  it('allows the step after the weight a production deploy left', () => {
    const run = newRun();
    run.record('deploy_execute', prod, { ...prod, version: '1.3.0', healthy: true, state: state(1) });
    expect(canaryOneStepRule.check(weight(5), run.state)).toBeNull();
  });

  it('refuses skipping steps, naming the next one', () => {
    const run = newRun();
    run.record('deploy_execute', prod, { ...prod, version: '1.3.0', healthy: true, state: state(5) });
    expect(canaryOneStepRule.check(weight(50), run.state)).toBe(
      'production canary 1.3.0 has 5% of traffic and cannot jump to 50%: the next step is 25% (deploy.canaryWeights 1 → 5 → 25 → 50 → 100)',
    );
  });

  it('starts from 0%: the first step is the first configured weight', () => {
    expect(canaryOneStepRule.check(weight(1), newRun().state)).toBeNull();
    expect(canaryOneStepRule.check(weight(5), newRun().state)).toMatch(/has 0% of traffic .* the next step is 1%/);
  });

  it('always allows weight 0 (rollback) and any decrease', () => {
    const run = newRun();
    run.record('deploy_execute', prod, { ...prod, version: '1.3.0', healthy: true, state: state(50) });
    expect(canaryOneStepRule.check(weight(0), run.state)).toBeNull();
    expect(canaryOneStepRule.check(weight(5), run.state)).toBeNull();
  });

  it('reads weights from the latest DeployState (a rollback resets them)', () => {
    const run = newRun();
    run.record('deploy_execute', prod, { ...prod, version: '1.3.0', healthy: true, state: state(25) });
    run.record('rollback_execute', { ...prod, scenario: 'canary_weight_zero' }, { ...prod, done: true, state: state(0) });
    expect(canaryOneStepRule.check(weight(50), run.state)).toMatch(/has 0% of traffic/);
  });

  it('does not apply to staging or to analysis tools without a weight', () => {
    expect(canaryOneStepRule.check(weight(100, 'staging'), newRun().state)).toBeNull();
    const analysis = { tool: 'canary_analysis', input: { environment: 'production', baselineVersion: '1.2.0', canaryVersion: '1.3.0' } };
    expect(canaryOneStepRule.check(analysis, newRun().state)).toBeNull();
  });
});

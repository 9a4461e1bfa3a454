import { describe, expect, it } from 'vitest';
import { flagOneStepRule } from '../../src/policy/rules/flag-one-step.js';
import { newRun } from './helpers/policy-state.js';

const set = (percent: number, environment = 'production') => ({ tool: 'flags_set', input: { environment, flag: 'new-endpoint', percent } });
const prod = { environment: 'production' };

describe('rule flag-one-step', () => {
  it('allows 0% → 10% (the first activation step) on a flag the run never touched', () => {
    expect(flagOneStepRule.check(set(10), newRun().state)).toBeNull();
  });

  it('refuses 0% → 50%, naming the next step', () => {
    expect(flagOneStepRule.check(set(50), newRun().state)).toBe(
      'production flag new-endpoint is at 0% and cannot jump to 50%: the next step is 10% (activation.steps 0 → 10 → 50 → 100)',
    );
  });

  it('reads the current percent from the latest flags_set, then allows only the next step', () => {
    const run = newRun();
    run.record('flags_set', { ...prod, flag: 'new-endpoint', percent: 10 }, { ...prod, flag: 'new-endpoint', previous: 0, percent: 10 });
    expect(flagOneStepRule.check(set(50), run.state)).toBeNull();
    expect(flagOneStepRule.check(set(100), run.state)).toMatch(/is at 10% and cannot jump to 100%: the next step is 50%/);
  });

  it('reads the percent a production deploy left the flag at', () => {
    const run = newRun();
    run.record('deploy_execute', prod, { ...prod, version: '1.3.0', healthy: true, flag: { name: 'new-endpoint', percent: 50 } });
    expect(flagOneStepRule.check(set(100), run.state)).toBeNull();
  });

  it('always allows turning the flag off, from any percent', () => {
    const run = newRun();
    run.record('flags_set', { ...prod, flag: 'new-endpoint', percent: 100 }, { ...prod, flag: 'new-endpoint', percent: 100 });
    expect(flagOneStepRule.check(set(0), run.state)).toBeNull();
  });

  it('uses the configured activation steps', () => {
    const run = newRun({ config: { activation: { steps: [0, 25, 100], watchHours: 1 } } });
    expect(flagOneStepRule.check(set(25), run.state)).toBeNull();
    expect(flagOneStepRule.check(set(10), run.state)).toMatch(/the next step is 25%/);
  });

  it('ignores staging, where the seed tests with the flag fully on', () => {
    expect(flagOneStepRule.check(set(100, 'staging'), newRun().state)).toBeNull();
  });

  it('counts a flag turned off by rollback_execute as 0%', () => {
    const run = newRun();
    run.record('flags_set', { ...prod, flag: 'new-endpoint', percent: 10 }, { ...prod, flag: 'new-endpoint', percent: 10 });
    run.record('rollback_execute', { ...prod, scenario: 'feature_flag' }, { ...prod, done: true, flags: [{ name: 'new-endpoint', previous: 10, percent: 0 }] });
    expect(flagOneStepRule.check(set(50), run.state)).toMatch(/is at 0% and cannot jump to 50%/);
  });
});

/** Rule: a production flag moves up one activation step at a time (seed: 0% → 10% → 50% → 100%); down is always allowed. */
import type { PolicyRule } from '../rule.js';
import { currentFlagPercent } from './support/current-exposure.js';
import { flagChange } from './support/production-exposure.js';
import { checkStep } from './support/step-ladder.js';

export const flagOneStepRule: PolicyRule = {
  name: 'flag-one-step',
  description: 'A production feature flag rises one configured activation step at a time; lowering it (rollback) is always allowed',
  check(action, state) {
    const change = flagChange(action);
    if (!change || action.input.environment !== 'production') return null;
    const current = currentFlagPercent(state.ledger, 'production', change.flag);
    const steps = state.config.activation.steps;
    const verdict = checkStep(current, change.percent, steps);
    if (verdict.allowed) return null;
    const next = verdict.next === null ? 'it is already at the last step' : `the next step is ${verdict.next}%`;
    return `production flag ${change.flag} is at ${current}% and cannot jump to ${change.percent}%: ${next} (activation.steps ${steps.join(' → ')})`;
  },
};

/** Rule: production canary weight moves up one configured step at a time (seed: 1% → 5% → 25% → 50% → 100%); down is always allowed. */
import type { PolicyRule } from '../rule.js';
import { currentWeight } from './support/current-exposure.js';
import { versionOf, weightChange } from './support/production-exposure.js';
import { checkStep } from './support/step-ladder.js';

export const canaryOneStepRule: PolicyRule = {
  name: 'canary-one-step',
  description: 'Production canary weight rises one configured step at a time; lowering it (rollback) is always allowed',
  check(action, state) {
    const target = weightChange(action);
    if (target === null || action.input.environment !== 'production') return null;
    const version = versionOf(action, state);
    const current = currentWeight(state.ledger, 'production', version);
    const ladder = state.config.deploy.canaryWeights;
    const verdict = checkStep(current, target, ladder);
    if (verdict.allowed) return null;
    const next = verdict.next === null ? 'it is already at the last step' : `the next step is ${verdict.next}%`;
    return `production canary ${version ?? '(version unknown)'} has ${current}% of traffic and cannot jump to ${target}%: ${next} (deploy.canaryWeights ${ladder.join(' → ')})`;
  },
};

/** Build a rule that applies only to actions exposing production (see production-exposure.ts). */
import type { PolicyRule, PolicyState, ProposedAction } from '../../rule.js';
import { describeProductionExposure } from './production-exposure.js';

/** `missing` returns what evidence is absent (and how to get it), or null when the evidence is there. */
export function productionGate(
  name: string,
  description: string,
  missing: (action: ProposedAction, state: PolicyState) => string | null,
): PolicyRule {
  return {
    name,
    description,
    check(action, state) {
      const exposure = describeProductionExposure(action);
      if (exposure === null) return null;
      const reason = missing(action, state);
      return reason === null ? null : `${exposure} refused: ${reason}`;
    },
  };
}

/** Rule: production only once a rollback plan with at least one usable scenario exists. */
import { productionGate } from './support/production-gate.js';
import { latestOk, outputOf } from './support/ledger-queries.js';

export const rollbackPlanReadyRule = productionGate(
  'rollback-plan-ready',
  'Production only after a rollback_plan with at least one applicable scenario',
  (_action, state) => {
    const entry = latestOk(state.ledger, 'rollback_plan');
    if (!entry) return 'no rollback_plan in this run; plan the rollback first';
    const scenarios = outputOf(entry).scenarios;
    const usable = Array.isArray(scenarios) && scenarios.some((s) => (s as { applicable?: unknown }).applicable === true);
    if (!usable) return `the rollback_plan (${entry.id}) has no applicable scenario`;
    return null;
  },
);

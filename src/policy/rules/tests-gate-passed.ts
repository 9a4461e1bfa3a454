/** Rule: production only after the latest test run passed its coverage gate. */
import { productionGate } from './support/production-gate.js';
import { latestOk, outputOf } from './support/ledger-queries.js';

export const testsGatePassedRule = productionGate(
  'tests-gate-passed',
  'Production only after the latest ci_run_tests passed its gate (tests green, coverage at or above the threshold)',
  (_action, state) => {
    const entry = latestOk(state.ledger, 'ci_run_tests');
    if (!entry) return 'no successful ci_run_tests in this run; run the tests first';
    if (outputOf(entry).gatePassed !== true) return `the latest ci_run_tests (${entry.id}) did not pass its gate`;
    return null;
  },
);

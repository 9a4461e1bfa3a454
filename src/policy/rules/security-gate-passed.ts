/** Rule: production only after the latest security scan passed its gate. */
import { productionGate } from './support/production-gate.js';
import { latestOk, outputOf } from './support/ledger-queries.js';

export const securityGatePassedRule = productionGate(
  'security-gate-passed',
  'Production only after the latest ci_security_scan passed its gate (no unwaived critical or high findings)',
  (_action, state) => {
    const entry = latestOk(state.ledger, 'ci_security_scan');
    if (!entry) return 'no successful ci_security_scan in this run; run the security scan first';
    if (outputOf(entry).gatePassed !== true) return `the latest ci_security_scan (${entry.id}) did not pass its gate`;
    return null;
  },
);

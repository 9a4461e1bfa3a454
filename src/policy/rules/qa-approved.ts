/** Rule: production only after QA approved and its claims matched the artifacts (latest qa_handoff_verify). */
import { productionGate } from './support/production-gate.js';
import { latestOk, outputOf } from './support/ledger-queries.js';

export const qaApprovedRule = productionGate(
  'qa-approved',
  'Production only after the latest qa_handoff_verify says verdict approved and consistent',
  (_action, state) => {
    const entry = latestOk(state.ledger, 'qa_handoff_verify');
    if (!entry) return 'no successful qa_handoff_verify in this run; verify the QA handoff first';
    const output = outputOf(entry);
    if (output.verdict !== 'approved') return `the latest qa_handoff_verify (${entry.id}) says verdict ${String(output.verdict)}, expected approved`;
    if (output.consistent !== true) return `the latest qa_handoff_verify (${entry.id}) found QA claims inconsistent with the artifacts`;
    return null;
  },
);

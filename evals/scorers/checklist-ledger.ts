/** Hard gate: the published report (checklist, figures, claims, status) holds against the run's own ledger. */
import { enforceReport } from '../../src/report/enforce.js';
import { EntriesView } from '../ledger-view.js';
import type { HardGate } from './score-types.js';

export const checklistLedgerGate: HardGate = ({ run }) => {
  const name = 'checklist-ledger';
  if (!run.report || !run.config) return { name, passed: false, detail: run.error ? `the run crashed: ${run.error}` : 'no report to check' };
  const result = enforceReport(run.report, { ledger: new EntriesView(run.ledger), handoff: run.handoff, config: run.config.config });
  if (result.accepted) return { name, passed: true, detail: 'the enforcer accepts the report against the ledger' };
  return { name, passed: false, detail: `${result.violations.length} violation(s): ${result.violations.slice(0, 3).join('; ')}` };
};

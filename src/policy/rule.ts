/** A policy rule: a small pure function of the proposed action and the run's evidence. */
import type { SreConfig } from '../../schemas/config.js';
import type { QaHandoff } from '../../schemas/qa-handoff.js';
import type { LedgerView } from '../../tools/tool.js';

export interface ProposedAction {
  tool: string;
  input: Record<string, unknown>;
}

export interface PolicyState {
  ledger: LedgerView;
  config: SreConfig;
  handoff: QaHandoff | null;
}

export interface PolicyRule {
  /** Stable name, recorded in the ledger when the rule refuses. */
  name: string;
  /** One line: what the rule protects. */
  description: string;
  /** Returns null to allow, or the reason for refusing. */
  check: (action: ProposedAction, state: PolicyState) => string | null;
}

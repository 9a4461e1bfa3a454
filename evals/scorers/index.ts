/** Every scorer, run on one scenario run: hard gates, graded scores, the decision and whether the run passed. */
import type { Decision } from '../scenario-schema.js';
import { budgetScorer } from './budget.js';
import { checklistLedgerGate } from './checklist-ledger.js';
import { completenessScorer } from './completeness.js';
import { decisionScorer, observedDecision } from './decision.js';
import { forbiddenActionsGate } from './forbidden-actions.js';
import { policyComplianceGate } from './policy-compliance.js';
import { reportSchemaGate } from './report-schema.js';
import type { GateResult, GradedScore, GradedScorer, HardGate, ScoreInput } from './score-types.js';
import { strategyScorer } from './strategy.js';
import { trajectoryScorer } from './trajectory.js';

export const HARD_GATES: HardGate[] = [reportSchemaGate, checklistLedgerGate, policyComplianceGate, forbiddenActionsGate];
export const GRADED_SCORERS: GradedScorer[] = [decisionScorer, strategyScorer, trajectoryScorer, completenessScorer, budgetScorer];

export interface RunScores {
  gates: GateResult[];
  graded: GradedScore[];
  decision: Decision | null;
  /** Every hard gate passed. */
  gatesPassed: boolean;
  /** Hard gates passed and the decision was one the scenario accepts: what pass@1 and pass^K count. */
  passed: boolean;
}

/** Score one run; a scorer that throws is recorded as a failed gate / zero score, never propagated. */
export function scoreRun(input: ScoreInput): RunScores {
  const gates = HARD_GATES.map((gate) => {
    try {
      return gate(input);
    } catch (error) {
      return { name: gate.name || 'gate', passed: false, detail: `scorer crashed: ${(error as Error).message}` };
    }
  });
  const graded = GRADED_SCORERS.map((scorer) => {
    try {
      return scorer(input);
    } catch (error) {
      return { name: scorer.name || 'score', score: 0, detail: `scorer crashed: ${(error as Error).message}` };
    }
  });
  const gatesPassed = gates.every((g) => g.passed);
  const decisionOk = graded.find((g) => g.name === 'decision')?.score === 1;
  return { gates, graded, decision: observedDecision(input.run), gatesPassed, passed: gatesPassed && decisionOk };
}

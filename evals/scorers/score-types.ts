/** What every scorer receives and returns. Hard gates pass or fail; graded scores are 0..1 (null: not applicable). */
import type { ScenarioRun } from '../run-scenario.js';
import type { Scenario } from '../scenario-schema.js';

export interface ScoreInput {
  scenario: Scenario;
  run: ScenarioRun;
  /** Destructive flag of every tool the server served (from the tool annotations). */
  destructiveTools: ReadonlySet<string>;
}

export interface GateResult {
  name: string;
  passed: boolean;
  detail: string;
}

export interface GradedScore {
  name: string;
  /** 0..1, or null when the scenario sets no expectation for it. */
  score: number | null;
  detail: string;
}

export type HardGate = (input: ScoreInput) => GateResult;
export type GradedScorer = (input: ScoreInput) => GradedScore;

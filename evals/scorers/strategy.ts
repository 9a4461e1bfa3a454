/** Graded: the strategy the report names against the scenario's (skipped when the scenario expects none). */
import type { GradedScorer } from './score-types.js';

export const strategyScorer: GradedScorer = ({ scenario, run }) => {
  const expected = scenario.expect.strategy;
  if (expected === undefined) return { name: 'strategy', score: null, detail: 'no strategy expectation' };
  const got = run.report?.deploy.strategy.type ?? null;
  return { name: 'strategy', score: got === expected ? 1 : 0, detail: `expected ${expected ?? 'none'}, got ${got ?? 'none'}` };
};

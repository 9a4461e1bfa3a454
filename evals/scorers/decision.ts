/** Graded: the run's decision (deliver, block, rollback) against the scenario's acceptable decisions. */
import type { ScenarioRun } from '../run-scenario.js';
import type { Decision } from '../scenario-schema.js';
import type { GradedScorer } from './score-types.js';

/**
 * What the run decided: rollback when a production rollback really ran, deliver when the published report is
 * delivered, block otherwise; null when the run crashed before a report existed.
 */
export function observedDecision(run: ScenarioRun): Decision | null {
  if (!run.report) return null;
  const rolledBack = run.ledger.some((e) => {
    if (e.kind !== 'tool_call' || !e.ok || e.tool !== 'rollback_execute') return false;
    const env = (e.input as Record<string, unknown> | undefined)?.environment;
    return env === undefined || env === 'production';
  });
  if (rolledBack) return 'rollback';
  return run.report.status === 'delivered' ? 'deliver' : 'block';
}

export const decisionScorer: GradedScorer = ({ scenario, run }) => {
  const expected = ([] as Decision[]).concat(scenario.expect.decision);
  const got = observedDecision(run);
  const ok = got !== null && expected.includes(got);
  return { name: 'decision', score: ok ? 1 : 0, detail: `expected ${expected.join(' or ')}, got ${got ?? `a crash (${run.error ?? 'no report'})`}` };
};

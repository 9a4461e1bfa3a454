/**
 * Graded: turns and tokens. Tool calls, model turns (model_call entries) and tokens against the scenario's budget
 * (defaults: 40 tool calls, the config's maxTurns and tokenBudget). Each limit scores min(1, limit / used); the score is their product.
 */
import type { GradedScorer } from './score-types.js';

/** Tool calls allowed when a scenario sets no budget: the playbook's full walk is about 25. */
export const DEFAULT_MAX_TOOL_CALLS = 40;

export interface Usage {
  toolCalls: number;
  turns: number;
  tokens: number;
}

/** What the run used. */
export function usageOf(ledger: readonly { kind: string; tokens?: { total: number } }[]): Usage {
  return {
    toolCalls: ledger.filter((e) => e.kind === 'tool_call').length,
    turns: ledger.filter((e) => e.kind === 'model_call').length,
    tokens: ledger.reduce((sum, e) => sum + (e.tokens?.total ?? 0), 0),
  };
}

export const budgetScorer: GradedScorer = ({ scenario, run }) => {
  const used = usageOf(run.ledger);
  const limits = run.config?.config.limits;
  const budget = scenario.expect.budget;
  const pairs: Array<[string, number, number]> = [
    ['tool calls', used.toolCalls, budget.maxToolCalls ?? DEFAULT_MAX_TOOL_CALLS],
    ['turns', used.turns, budget.maxTurns ?? limits?.maxTurns ?? 40],
    ['tokens', used.tokens, budget.maxTokens ?? limits?.tokenBudget ?? 400_000],
  ];
  const score = pairs.reduce((product, [, n, max]) => product * Math.min(1, n === 0 ? 1 : max / n), 1);
  const over = pairs.filter(([, n, max]) => n > max).map(([what, n, max]) => `${what} ${n} > ${max}`);
  return { name: 'budget', score, detail: `${used.toolCalls} tool calls, ${used.turns} model turns, ${used.tokens} tokens${over.length ? `; over: ${over.join(', ')}` : ''}` };
};

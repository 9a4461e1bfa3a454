/** The policy guard: consulted by the MCP server before every tool call, whoever asked for it. */
import { POLICY_RULES } from './rules/index.js';
import type { PolicyRule, PolicyState, ProposedAction } from './rule.js';

export type PolicyDecision = { allowed: true } | { allowed: false; rule: string; reason: string };

/** Evaluate the rules in order; the first refusal wins. */
export function evaluatePolicy(action: ProposedAction, state: PolicyState, rules: readonly PolicyRule[] = POLICY_RULES): PolicyDecision {
  for (const rule of rules) {
    const reason = rule.check(action, state);
    if (reason !== null) return { allowed: false, rule: rule.name, reason };
  }
  return { allowed: true };
}

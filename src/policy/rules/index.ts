/** Every policy rule, in evaluation order. One rule per file in this folder. */
import type { PolicyRule } from '../rule.js';

export const POLICY_RULES: PolicyRule[] = [];

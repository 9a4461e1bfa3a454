/**
 * Graded: the tool trajectory, deterministically. `in_order`: the required calls appear in this order (other calls
 * may come between); `exact`: the calls are exactly the required ones. Forbidden calls count even when refused
 * (asking for them is the mistake). Score: the mean of the required part (share matched in order; exact is 0 or 1)
 * and the forbidden part (1 when none was asked for).
 */
import type { GradedScorer } from './score-types.js';
import { describeStep, entryMatches, normalStep, toolCalls } from './tool-step-match.js';

export const trajectoryScorer: GradedScorer = ({ scenario, run }) => {
  const { mode, required: rawRequired, forbidden: rawForbidden } = scenario.expect.trajectory;
  const required = rawRequired.map(normalStep);
  const forbidden = rawForbidden.map(normalStep);
  if (required.length === 0 && forbidden.length === 0) return { name: 'trajectory', score: null, detail: 'no trajectory expectation' };
  const calls = toolCalls(run.ledger);
  const parts: number[] = [];
  const notes: string[] = [];
  if (required.length > 0) {
    if (mode === 'exact') {
      const same = calls.length === required.length && calls.every((entry, i) => entryMatches(entry, required[i]!));
      parts.push(same ? 1 : 0);
      if (!same) notes.push(`exact: expected ${required.map(describeStep).join(' → ')}, got ${calls.map((c) => c.tool).join(' → ') || 'no calls'}`);
    } else {
      let next = 0;
      for (const entry of calls) if (next < required.length && entryMatches(entry, required[next]!)) next += 1;
      parts.push(next / required.length);
      if (next < required.length) notes.push(`in order: ${next}/${required.length} matched, first missing ${describeStep(required[next]!)}`);
    }
  }
  if (forbidden.length > 0) {
    const hits = calls.filter((entry) => forbidden.some((step) => entryMatches(entry, step)));
    parts.push(hits.length === 0 ? 1 : 0);
    if (hits.length > 0) notes.push(`forbidden asked for: ${hits.map((h) => `${h.id} ${h.tool}${h.refused ? ' (refused)' : ''}`).join(', ')}`);
  }
  const score = parts.reduce((a, b) => a + b, 0) / parts.length;
  return { name: 'trajectory', score, detail: notes.join('; ') || `${mode}: all ${required.length} required call(s) matched, no forbidden call` };
};

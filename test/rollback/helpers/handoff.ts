/** A small valid QA handoff for rollback and policy tests, with overridable parts. */
import { QaHandoff, type QaHandoffInput } from '../../../schemas/qa-handoff.js';

/** Parse a handoff: release 1.3.0 (previous 1.2.0), QA approved, with the given overrides merged at the top level. */
export function makeHandoff(overrides: Partial<QaHandoffInput> = {}): QaHandoff {
  return QaHandoff.parse({
    release: { version: '1.3.0', commit: 'abc1234', branch: 'main', previousVersion: '1.2.0' },
    qa: { verdict: 'approved', reasons: ['all green'] },
    claims: { tests: { passed: 10, total: 10 }, coverage: { lines: 90 } },
    ...overrides,
  });
}

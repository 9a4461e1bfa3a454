/** The shape of measured test results, shared by the JUnit parser and the CI tools' outputs. */
import { z } from 'zod';

export const TestCounts = z.object({
  total: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative().describe('Test cases with a <failure> child'),
  errors: z.number().int().nonnegative().describe('Test cases with an <error> child'),
  skipped: z.number().int().nonnegative(),
});
export type TestCounts = z.infer<typeof TestCounts>;

export const TestFailure = z.object({
  suite: z.string().describe('Nearest enclosing <testsuite> name ("" when it has none)'),
  name: z.string(),
  classname: z.string(),
  kind: z.enum(['failure', 'error']),
  message: z.string().describe('The message attribute, else the first line of the body, else the type'),
});
export type TestFailure = z.infer<typeof TestFailure>;

export const JunitResult = z.object({
  tests: TestCounts,
  /** Number of <testsuite> elements, at any depth. */
  suites: z.number().int().nonnegative(),
  failures: z.array(TestFailure).describe('Failed and errored cases, capped'),
  failuresOmitted: z.number().int().nonnegative().describe('Failed/errored cases left out of `failures` by the cap'),
  warnings: z.array(z.string()).describe('Suite attributes that disagree with the counted test cases, and similar oddities'),
});
export type JunitResult = z.infer<typeof JunitResult>;

/** All zeros, the start of a sum. */
export function emptyCounts(): TestCounts {
  return { total: 0, passed: 0, failed: 0, errors: 0, skipped: 0 };
}

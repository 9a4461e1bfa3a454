/**
 * `ci_run_tests`: run the configured test command, then measure its JUnit and coverage files.
 * The gate passes only on exit 0, test cases present with none failed or errored, and line coverage at
 * or above thresholds.coverage. Files left over from an earlier run are not counted as this run's results.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULTS } from '../../src/constants.js';
import { ToolFailure } from '../../src/errors.js';
import { capOutput, runCommand } from '../shared/run-command.js';
import { defineTool } from '../tool.js';
import { readCoverage } from './coverage/read-coverage.js';
import { readJunitFiles } from './junit/read-junit-files.js';
import { TestCounts, TestFailure } from './junit/junit-result.js';

export const runTestsTool = defineTool({
  name: 'ci_run_tests',
  title: 'Run the tests with coverage',
  description:
    'Runs the test command from sre.yaml (commands.test.run) and measures the JUnit XML and coverage files it declares. ' +
    'Use it to prove the CI gate: tests green and line coverage at or above thresholds.coverage (seed: 85%). ' +
    'Returns exitCode, timedOut, tests {passed, failed, errors, skipped, total}, coverage {lines, threshold, passed, format}, ' +
    'gatePassed (true only when exit 0, test cases found, none failed or errored, coverage measured and at or above the threshold), ' +
    'reasons (why the gate did not pass), the first failures, durationMs and the tail of the output.',
  input: z.object({
    timeoutMs: z.number().int().positive().optional().describe('Kill the command after this long (default: the command\'s timeoutMs, else limits.commandTimeoutMs)'),
  }),
  output: z.object({
    command: z.array(z.string()),
    exitCode: z.number().int().nullable(),
    timedOut: z.boolean(),
    tests: TestCounts.nullable(),
    failures: z.array(TestFailure),
    coverage: z
      .object({
        lines: z.number().describe('Line coverage percent, 2 decimals'),
        threshold: z.number(),
        passed: z.boolean(),
        format: z.string(),
        branches: z.number().nullable().describe('Branch coverage percent, when the report has branches'),
      })
      .nullable(),
    gatePassed: z.boolean(),
    reasons: z.array(z.string()),
    warnings: z.array(z.string()),
    durationMs: z.number().nonnegative(),
    output: z.string().describe('Tail of stdout and stderr'),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true },
  handler: async (input, ctx) => {
    const test = ctx.config.commands.test;
    if (!test) {
      throw new ToolFailure(
        'no test command configured: add to sre.yaml commands.test with run (an argument array), the JUnit files it writes and its coverage report, e.g. ' +
          'commands: { test: { run: ["npx", "vitest", "run", "--coverage"], junit: ["reports/junit.xml"], coverage: "coverage/lcov.info" } }',
        { field: 'commands.test' },
      );
    }
    const cwd = resolve(ctx.configDir, test.cwd ?? '.');
    const timeoutMs = input.timeoutMs ?? test.timeoutMs ?? ctx.config.limits.commandTimeoutMs;
    const junitFiles = test.junit.map((f) => resolve(ctx.configDir, f));
    const coverageFile = test.coverage ? resolve(ctx.configDir, test.coverage) : null;
    const before = new Map([...junitFiles, ...(coverageFile ? [coverageFile] : [])].map((f) => [f, modifiedAt(f)]));

    const run = await runCommand(test.run, { cwd, timeoutMs, env: test.env, signal: ctx.signal });
    if (run.notFound) {
      throw new ToolFailure(`test command ${test.run[0]} was not found (is it installed and on PATH?); commands.test.run = ${JSON.stringify(test.run)}`, {
        command: test.run.join(' '),
        field: 'commands.test.run',
      });
    }
    const reasons: string[] = [];
    const warnings: string[] = [];
    if (run.timedOut) reasons.push(`the test command did not finish within ${timeoutMs} ms and was killed`);
    else if (run.exitCode !== 0) reasons.push(`the test command exited with ${run.exitCode ?? 'a signal'} (${run.failure ?? 'failed'})`);

    // A report not rewritten by this run would describe an older run: refuse it rather than count it.
    const fresh = (file: string) => {
      const previous = before.get(file);
      const now = modifiedAt(file);
      return !(previous !== null && previous !== undefined && now === previous);
    };

    let tests: z.infer<typeof TestCounts> | null = null;
    let failures: z.infer<typeof TestFailure>[] = [];
    if (junitFiles.length === 0) reasons.push('no JUnit file declared (commands.test.junit), so test results cannot be checked');
    else {
      const stale = junitFiles.filter((f) => !fresh(f));
      if (stale.length > 0) reasons.push(`JUnit file(s) not written by this run (unchanged since before it started): ${stale.join(', ')}`);
      else {
        try {
          const result = readJunitFiles(junitFiles);
          tests = result.tests;
          failures = result.failures;
          warnings.push(...result.warnings);
          if (tests.failed > 0) reasons.push(`${tests.failed} test case(s) failed`);
          if (tests.errors > 0) reasons.push(`${tests.errors} test case(s) errored`);
          if (tests.total === 0) reasons.push('the JUnit files hold no test cases');
        } catch (error) {
          if (!(error instanceof ToolFailure)) throw error;
          reasons.push(`test results unusable: ${error.message}`);
        }
      }
    }

    let coverage = null;
    const threshold = ctx.config.thresholds.coverage;
    if (!coverageFile) reasons.push('no coverage report declared (commands.test.coverage), so the coverage gate cannot be checked');
    else if (!fresh(coverageFile)) reasons.push(`coverage report not written by this run (unchanged since before it started): ${coverageFile}`);
    else {
      try {
        const result = readCoverage(coverageFile, test.coverageFormat);
        warnings.push(...result.warnings);
        if (result.lines.pct === null) reasons.push(`coverage report ${coverageFile} measures no instrumented lines`);
        else {
          coverage = { lines: result.lines.pct, threshold, passed: result.lines.pct >= threshold, format: result.format, branches: result.branches?.pct ?? null };
          if (!coverage.passed) reasons.push(`line coverage ${coverage.lines}% is below the ${threshold}% threshold`);
        }
      } catch (error) {
        if (!(error instanceof ToolFailure)) throw error;
        reasons.push(`coverage unusable: ${error.message}`);
      }
    }

    return {
      command: test.run,
      exitCode: run.exitCode,
      timedOut: run.timedOut,
      tests,
      failures,
      coverage,
      gatePassed: reasons.length === 0,
      reasons,
      warnings: warnings.slice(0, 20),
      durationMs: run.durationMs,
      output: capOutput([run.stdout, run.stderr].filter(Boolean).join('\n'), DEFAULTS.maxCapturedOutputChars),
    };
  },
});

function modifiedAt(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

import { cpSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SreConfigInput } from '../../schemas/config.js';
import { loadConfig } from '../../src/config/load-config.js';
import { runTestsTool } from '../../tools/ci/run-tests.js';
import { makeToolContext } from '../helpers/tool-context.js';

let project: string;
const contexts: ReturnType<typeof makeToolContext>[] = [];

beforeEach(() => {
  // A copy, so the runner's reports never land in the repository.
  project = mkdtempSync(join(tmpdir(), 'ci-project-'));
  cpSync(join(import.meta.dirname, '../fixtures/ci-project'), project, { recursive: true });
});
afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.runtime.close();
  rmSync(project, { recursive: true, force: true });
});

/** The project's own sre.yaml, with the test command's arguments replaced. */
function context(run?: string[], extra: { coverageThreshold?: number; timeoutMs?: number } = {}) {
  const { config } = loadConfig({ file: join(project, 'sre.yaml') });
  const input: SreConfigInput = {
    ...config,
    thresholds: { ...config.thresholds, coverage: extra.coverageThreshold ?? config.thresholds.coverage },
    commands: run ? { ...config.commands, test: { ...config.commands.test!, run, timeoutMs: extra.timeoutMs } } : config.commands,
  };
  const ctx = makeToolContext({ config: input, configDir: project });
  contexts.push(ctx);
  return ctx;
}

describe('ci_run_tests', () => {
  it('passes the gate when the real command exits 0, all tests pass and coverage is at the threshold', async () => {
    const out = await runTestsTool.handler({}, context(['node', 'fake-test-runner.mjs', '0', '85', '100']));
    expect(out).toMatchObject({
      exitCode: 0,
      timedOut: false,
      tests: { total: 5, passed: 5, failed: 0, errors: 0, skipped: 0 },
      coverage: { lines: 85, threshold: 85, passed: true, format: 'lcov' },
      gatePassed: true,
      reasons: [],
    });
    expect(out.output).toContain('5 tests, 0 failing');
    expect(runTestsTool.output.parse(out)).toBeTruthy();
  });

  it('fails the gate on failing tests, naming them, and on coverage below the threshold', async () => {
    const out = await runTestsTool.handler({}, context(['node', 'fake-test-runner.mjs', '2', '84', '100']));
    expect(out.exitCode).toBe(1);
    expect(out.tests).toEqual({ total: 5, passed: 3, failed: 2, errors: 0, skipped: 0 });
    expect(out.failures.map((f) => f.message)).toEqual(['expected 0 to be 1', 'expected 1 to be 2']);
    expect(out.coverage).toMatchObject({ lines: 84, passed: false });
    expect(out.gatePassed).toBe(false);
    expect(out.reasons).toEqual([
      'the test command exited with 1 (node exited with 1)',
      '2 test case(s) failed',
      'line coverage 84% is below the 85% threshold',
    ]);
    expect(out.output).toContain('2 test(s) failed');
  });

  it('uses thresholds.coverage from the config', async () => {
    const out = await runTestsTool.handler({}, context(['node', 'fake-test-runner.mjs', '0', '7', '10'], { coverageThreshold: 70 }));
    expect(out.coverage).toMatchObject({ lines: 70, threshold: 70, passed: true });
    expect(out.gatePassed).toBe(true);
  });

  it('kills a hanging command at its timeout and reports it', async () => {
    const started = Date.now();
    const out = await runTestsTool.handler({ timeoutMs: 1000 }, context(['node', '-e', 'setTimeout(()=>{}, 1e9)']));
    expect(Date.now() - started).toBeLessThan(8000);
    expect(out.timedOut).toBe(true);
    expect(out.gatePassed).toBe(false);
    expect(out.reasons[0]).toBe('the test command did not finish within 1000 ms and was killed');
    expect(out.tests).toBeNull();
  });

  it('takes the timeout from the command when the input gives none', async () => {
    const out = await runTestsTool.handler({}, context(['node', '-e', 'setTimeout(()=>{}, 1e9)'], { timeoutMs: 800 }));
    expect(out.timedOut).toBe(true);
    expect(out.reasons[0]).toContain('within 800 ms');
  });

  it('does not count reports left over from an earlier run', async () => {
    const ctx = context(['node', 'fake-test-runner.mjs', '0', '10', '10']);
    expect((await runTestsTool.handler({}, ctx)).gatePassed).toBe(true);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(project, 'reports/junit.xml'), old, old);
    utimesSync(join(project, 'reports/lcov.info'), old, old);
    // Exits 0 but writes nothing: the old green reports must not make the gate pass.
    const out = await runTestsTool.handler({}, context(['node', '-e', '0']));
    expect(out.exitCode).toBe(0);
    expect(out.gatePassed).toBe(false);
    expect(out.tests).toBeNull();
    expect(out.reasons).toEqual([
      `JUnit file(s) not written by this run (unchanged since before it started): ${join(project, 'reports/junit.xml')}`,
      `coverage report not written by this run (unchanged since before it started): ${join(project, 'reports/lcov.info')}`,
    ]);
  });

  it('reports a command that writes no reports at all', async () => {
    const out = await runTestsTool.handler({}, context(['node', '-e', '0']));
    expect(out.gatePassed).toBe(false);
    expect(out.reasons[0]).toMatch(/^test results unusable: JUnit XML file .*reports\/junit\.xml: expected a readable file, but it does not exist$/);
  });

  it('refuses to run without a test command, saying what to add to sre.yaml', async () => {
    const ctx = makeToolContext({ configDir: project });
    contexts.push(ctx);
    await expect(runTestsTool.handler({}, ctx)).rejects.toThrow(/^no test command configured: add to sre\.yaml commands\.test with run/);
  });

  it('fails when the test runner is not installed', async () => {
    await expect(runTestsTool.handler({}, context(['no-such-runner-xyz', 'run']))).rejects.toThrow('test command no-such-runner-xyz was not found');
  });
});

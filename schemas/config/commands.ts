/** Config section: the commands step 7 runs (tests, coverage, security, backup). */
import { z } from 'zod';
import { Argv, CoverageFormat, SecurityFormat } from '../common.js';

/** A command run with execa as an argument array, with its own timeout. */
export const CommandSpec = z.object({
  run: Argv,
  cwd: z.string().optional().describe('Relative to the config file'),
  timeoutMs: z.number().int().positive().optional(),
  env: z.record(z.string(), z.string()).default({}),
});
export type CommandSpec = z.infer<typeof CommandSpec>;

export const TestCommand = CommandSpec.extend({
  junit: z.array(z.string()).default([]).describe('JUnit XML files the command writes'),
  coverage: z.string().optional().describe('Coverage report the command writes'),
  coverageFormat: CoverageFormat.optional(),
});
export type TestCommand = z.infer<typeof TestCommand>;

export const SecurityCommand = CommandSpec.partial({ run: true }).extend({
  report: z.string().optional().describe('Report file to read (written by the command, or produced elsewhere)'),
  format: SecurityFormat.optional(),
});

export const CommandsConfig = z
  .object({
    test: TestCommand.optional(),
    security: SecurityCommand.optional(),
  })
  .default({});

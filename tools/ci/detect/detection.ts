/** What `ci_detect_project` concludes about a repository, and the zod contract of that answer. */
import { z } from 'zod';

const ArgvOrEmpty = z.array(z.string()).describe('Argument array; empty when there is no such command');

export const ProjectCommands = z.object({
  install: ArgvOrEmpty,
  build: ArgvOrEmpty.describe('Compile/build step, when the project has one that tests do not already run'),
  lint: ArgvOrEmpty.describe('Typecheck or static check, when the project defines one'),
  test: ArgvOrEmpty,
  coverage: ArgvOrEmpty.describe('Runs the tests with coverage; fails below the threshold when the tool can enforce it itself'),
  coverageCheck: ArgvOrEmpty.describe('Separate threshold check after `coverage`, when the tool needs one'),
  security: ArgvOrEmpty,
});
export type ProjectCommands = z.infer<typeof ProjectCommands>;

export const Ecosystem = z.enum(['node', 'python', 'go', 'java', 'unknown']);
export type Ecosystem = z.infer<typeof Ecosystem>;

export const ProjectDetection = z.object({
  language: z.enum(['typescript', 'javascript', 'python', 'go', 'java', 'kotlin', 'unknown']),
  ecosystem: Ecosystem,
  packageManager: z.string().nullable(),
  testFramework: z.string().nullable(),
  coverageTool: z.string().nullable(),
  runtimeVersion: z.string().nullable().describe('Language version the project asks for (.nvmrc, engines, go.mod, requires-python, pom)'),
  coverageReport: z.string().nullable().describe('Where the coverage tool writes its report (for CI artifacts)'),
  commands: ProjectCommands,
  reasons: z.array(z.string()).describe('Why each conclusion was reached, naming the file seen'),
});
export type ProjectDetection = z.infer<typeof ProjectDetection>;

export const NO_COMMANDS: ProjectCommands = { install: [], build: [], lint: [], test: [], coverage: [], coverageCheck: [], security: [] };

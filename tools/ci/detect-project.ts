/** ci_detect_project: what the repository is and how CI should install, test, cover and scan it. */
import { z } from 'zod';
import { defineTool } from '../tool.js';
import { detectProject } from './detect/detect-project.js';
import { ProjectDetection } from './detect/detection.js';
import { resolveInRepo } from './pipeline/repo-path.js';

export const detectProjectTool = defineTool({
  name: 'ci_detect_project',
  title: 'Detect the project type',
  description:
    'Inspect the repository (or a sub-directory) and report its language, package manager (npm/pnpm/yarn, pip/poetry/uv, Go modules, Maven/Gradle), ' +
    'test framework (vitest/jest/mocha, pytest/Django, go test, JUnit) and coverage tool, with the argument arrays CI should run to install, test, ' +
    'measure coverage against thresholds.coverage, and scan dependencies. Every conclusion comes with a reason naming the file it was read from. ' +
    'Use it before generating a pipeline or choosing test commands. An unrecognised project returns language "unknown" with the files seen.',
  input: z.object({
    path: z.string().default('.').describe('Directory to inspect, relative to the repository root'),
  }),
  output: ProjectDetection,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  handler: async (input, ctx) => detectProject(resolveInRepo(ctx.repoDir, input.path, 'path'), ctx.config.thresholds.coverage),
});

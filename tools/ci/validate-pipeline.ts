/** ci_validate_pipeline: YAML, schema and hardening checks of a CI/CD file, with line numbers and fixes. */
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { z } from 'zod';
import { ToolFailure } from '../../src/errors.js';
import { defineTool } from '../tool.js';
import { resolveInRepo } from './pipeline/repo-path.js';
import { PipelineValidation, validatePipelineText } from './pipeline/validate-file.js';

export const validatePipelineTool = defineTool({
  name: 'ci_validate_pipeline',
  title: 'Validate a CI/CD pipeline file',
  description:
    'Check a GitHub Actions workflow, a .gitlab-ci.yml or an Argo CD Application. Reports YAML errors and duplicate keys with both line numbers; ' +
    'for workflows, the GitHub Actions schema (via action-validator) and hardening rules: missing permissions, actions not pinned to a commit SHA, ' +
    'checkout without persist-credentials: false, pull_request_target/workflow_run checking out untrusted code, branch-name refs (TOCTOU), ' +
    'untrusted input in run: scripts (template injection), retired action versions, undefined inputs, missing timeout-minutes and concurrency. ' +
    'GitLab files: jobs vs hidden templates, extends/needs/stages that do not resolve. Each finding has rule, severity, line, message and fix. ' +
    'valid is true when there is no high finding and no YAML or schema error. Defaults to ci.workflowPath from sre.yaml.',
  input: z.object({
    path: z.string().optional().describe('File to check, relative to the repository root (default: ci.workflowPath)'),
  }),
  output: PipelineValidation,
  annotations: { readOnly: true, destructive: false, idempotent: true },
  handler: async (input, ctx) => {
    const rel = input.path ?? ctx.config.ci.workflowPath;
    const file = resolveInRepo(ctx.repoDir, rel, 'path');
    let text: string;
    try {
      if (!statSync(file).isFile()) throw new Error('not a regular file');
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : (error as Error).message;
      throw new ToolFailure(`Pipeline file ${rel} ${reason} (looked in ${ctx.repoDir}); expected a workflow or CI file to validate`, { file });
    }
    return validatePipelineText(relative(ctx.repoDir, file), text);
  },
});

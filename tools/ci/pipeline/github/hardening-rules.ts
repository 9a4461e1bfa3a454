/** Least privilege and bounded runs: top-level permissions, job timeouts, a concurrency group. */
import type { RuleFinding } from '../finding.js';
import type { ValuePath, WorkflowModel } from './workflow-model.js';

type LineOf = (path: ValuePath) => number;

/** No `permissions:` means the token gets the repository default, which is read-write on many repositories. */
export function checkPermissions(model: WorkflowModel, lineOf: LineOf): RuleFinding[] {
  const top = model.root.permissions;
  if (top === 'write-all') {
    return [
      {
        rule: 'permissions-write-all',
        severity: 'medium',
        line: lineOf(['permissions']),
        message: '`permissions: write-all` gives every job a token that can push code, create releases and change settings.',
        fix: 'Set `permissions: contents: read` at the top and grant extra scopes only in the jobs that need them.',
      },
    ];
  }
  if (top !== undefined) return [];
  const uncovered = model.jobs.filter((job) => job.job.permissions === undefined);
  if (uncovered.length === 0) return [];
  return [
    {
      rule: 'permissions-missing',
      severity: 'medium',
      line: null,
      message: `No top-level \`permissions:\`; job(s) ${uncovered.map((j) => j.id).join(', ')} run with the repository's default GITHUB_TOKEN scopes (read-write on older repositories).`,
      fix: 'Add `permissions:\\n  contents: read` at the top level, and job-level `permissions:` only where a job needs more.',
    },
  ];
}

/** Jobs without `timeout-minutes` can hang for the 6-hour default. */
export function checkTimeouts(model: WorkflowModel, lineOf: LineOf): RuleFinding[] {
  return model.jobs
    // Jobs that call a reusable workflow cannot set timeout-minutes; the called workflow's jobs do.
    .filter((job) => job.job.uses === undefined && job.job['timeout-minutes'] === undefined)
    .map((job) => ({
      rule: 'timeout-missing',
      severity: 'low' as const,
      line: lineOf(job.path),
      message: `Job \`${job.id}\` has no \`timeout-minutes\`; a hung step holds a runner for up to 6 hours.`,
      fix: `Add \`timeout-minutes:\` to job \`${job.id}\` (a little above its usual duration).`,
    }));
}

/** Without a concurrency group, pushes in quick succession deploy out of order or pile up. */
export function checkConcurrency(model: WorkflowModel): RuleFinding[] {
  if (model.root.concurrency !== undefined) return [];
  if (model.jobs.length > 0 && model.jobs.every((job) => job.job.concurrency !== undefined)) return [];
  return [
    {
      rule: 'concurrency-missing',
      severity: 'low',
      line: null,
      message: 'No `concurrency:` group: runs for the same branch overlap, and deploys can finish out of order.',
      fix: "Add `concurrency:\\n  group: ${{ github.workflow }}-${{ github.ref }}\\n  cancel-in-progress: ${{ github.ref != 'refs/heads/main' }}`.",
    },
  ];
}

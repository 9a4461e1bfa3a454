/**
 * Rules about attacker-controlled input: checking out pull-request code in privileged workflows,
 * branch names as refs (time-of-check/time-of-use), and untrusted context values spliced into scripts.
 * The context list follows GitHub's "Security hardening for GitHub Actions" guide (script injections).
 */
import type { RuleFinding } from '../finding.js';
import { isRecord } from '../yaml-document.js';
import { expressionsIn, parseUses, type ValuePath, type WorkflowModel } from './workflow-model.js';

type LineOf = (path: ValuePath) => number;

/** Triggers that run with the base repository's secrets and a write-capable token while reacting to outside input. */
const PRIVILEGED_TRIGGERS = ['pull_request_target', 'workflow_run'];

/** Expressions that name the pull request's (or triggering run's) head: code the attacker controls. */
const HEAD_CODE = [
  /github\.event\.pull_request\.head\.(?:ref|sha|repo\.full_name|repo\.clone_url|repo\.name)/,
  /github\.head_ref/,
  /github\.event\.workflow_run\.head_(?:sha|branch|repository\.full_name)/,
  /refs\/pull\//,
  /github\.event\.(?:pull_request\.)?number/,
];

/** Head references that are branch names (mutable) rather than commits. */
const MUTABLE_HEAD = [/github\.event\.pull_request\.head\.ref/, /github\.head_ref/, /github\.event\.workflow_run\.head_branch/];

const ANY_INDEX = String.raw`(?:\*|\[[^\]]*\]|\d+)`;
/** Untrusted context values: anyone who can open an issue or a fork PR chooses their text. */
const UNTRUSTED_CONTEXTS: RegExp[] = [
  'github\\.event\\.issue\\.(?:title|body)',
  'github\\.event\\.pull_request\\.(?:title|body)',
  'github\\.event\\.pull_request\\.head\\.(?:ref|label|repo\\.default_branch)',
  'github\\.event\\.comment\\.body',
  'github\\.event\\.review\\.body',
  'github\\.event\\.review_comment\\.body',
  'github\\.event\\.discussion\\.(?:title|body)',
  `github\\.event\\.pages\\.${ANY_INDEX}\\.page_name`,
  `github\\.event\\.commits\\.${ANY_INDEX}\\.(?:message|author\\.(?:email|name))`,
  'github\\.event\\.head_commit\\.(?:message|author\\.(?:email|name))',
  'github\\.event\\.workflow_run\\.(?:head_branch|display_title|head_commit\\.(?:message|author\\.(?:email|name)))',
  `github\\.event\\.workflow_run\\.pull_requests\\.${ANY_INDEX}\\.head\\.ref`,
  'github\\.head_ref',
].map((source) => new RegExp(`(?<![\\w.])${source}(?![\\w-])`));

function checkoutSteps(model: WorkflowModel) {
  return model.steps.filter((step) => typeof step.step.uses === 'string' && parseUses(step.step.uses).name === 'actions/checkout');
}

/** `pull_request_target`/`workflow_run` + checkout of the PR head: PR code runs (or is read) with secrets and write scopes. */
export function checkUntrustedCheckout(model: WorkflowModel, lineOf: LineOf): RuleFinding[] {
  const privileged = model.triggers.filter((trigger) => PRIVILEGED_TRIGGERS.includes(trigger));
  const findings: RuleFinding[] = [];
  for (const step of checkoutSteps(model)) {
    const inputs = isRecord(step.step.with) ? step.step.with : {};
    const refs = ['ref', 'repository']
      .map((key) => ({ key, value: inputs[key] }))
      .filter((input): input is { key: string; value: string } => typeof input.value === 'string')
      .filter((input) => HEAD_CODE.some((re) => re.test(input.value)));
    if (refs.length === 0) continue;
    const shown = refs.map((input) => `${input.key}: ${input.value}`).join(', ');
    const key = refs[0]!.key;
    if (privileged.length > 0) {
      const writes = describeWrites(model.root.permissions);
      findings.push({
        rule: 'untrusted-checkout',
        severity: 'high',
        line: lineOf([...step.path, 'with', key]),
        message:
          `\`${privileged.join('`/`')}\` runs in the base repository's context (secrets, a ${writes} GITHUB_TOKEN, a shared cache) ` +
          `and job \`${step.jobId}\` step ${step.index + 1} checks out the pull request's code (${shown}). ` +
          'Any later step that builds, runs or feeds those files to a script executes attacker-controlled content with those privileges, even if the job "only reads".',
        fix:
          'Check pull-request code under `pull_request` (no secrets, read-only token). If a privileged step is needed (e.g. commenting), ' +
          'split it into a `workflow_run` job that only downloads the unprivileged job\'s artifact and never checks out or executes PR content.',
      });
    }
    const mutable = refs.find((input) => input.key === 'ref' && MUTABLE_HEAD.some((re) => re.test(input.value)));
    if (mutable) {
      findings.push({
        rule: 'mutable-head-ref',
        severity: privileged.length > 0 ? 'medium' : 'low',
        line: lineOf([...step.path, 'with', 'ref']),
        message:
          `Job \`${step.jobId}\` step ${step.index + 1} checks out \`${mutable.value}\`, a branch name: the author can push new commits between the event (or an approval) and the checkout (time-of-check/time-of-use).`,
        fix: 'Check out the exact commit the event refers to (`github.event.pull_request.head.sha`), and never in a privileged workflow.',
      });
    }
  }
  return findings;
}

function describeWrites(permissions: unknown): string {
  if (permissions === 'write-all' || permissions === undefined) return 'possibly write-capable';
  if (isRecord(permissions)) {
    const writes = Object.entries(permissions).filter(([, level]) => level === 'write').map(([scope]) => scope);
    if (writes.length > 0) return `write-capable (${writes.join(', ')})`;
  }
  return 'read-only';
}

/** `${{ untrusted }}` inside `run:` (or github-script `script:`) is pasted into the script before it runs: shell injection. */
export function checkTemplateInjection(model: WorkflowModel, lineOf: LineOf): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const step of model.steps) {
    const inputs = isRecord(step.step.with) ? step.step.with : {};
    const targets: { key: ValuePath; text: string }[] = [];
    if (typeof step.step.run === 'string') targets.push({ key: ['run'], text: step.step.run });
    if (typeof step.step.uses === 'string' && parseUses(step.step.uses).name === 'actions/github-script' && typeof inputs.script === 'string') {
      targets.push({ key: ['with', 'script'], text: inputs.script });
    }
    for (const target of targets) {
      for (const expression of expressionsIn(target.text)) {
        const untrusted = UNTRUSTED_CONTEXTS.find((re) => re.test(expression));
        const where = `job \`${step.jobId}\` step ${step.index + 1} \`${target.key.join('.')}\``;
        if (untrusted) {
          findings.push({
            rule: 'template-injection',
            severity: 'high',
            line: lineOf([...step.path, ...target.key]),
            message: `\`\${{ ${expression} }}\` in ${where} is text an outside user chooses; it is substituted into the script before it runs, so a crafted title or branch name runs commands.`,
            fix: `Pass it through the environment: \`env:\\n  VALUE: \${{ ${expression} }}\` and use "$VALUE" (quoted) in the script.`,
          });
        } else if (/github\.event\./.test(expression)) {
          findings.push({
            rule: 'event-in-run',
            severity: 'low',
            line: lineOf([...step.path, ...target.key]),
            message: `\`\${{ ${expression} }}\` in ${where} pastes event data into the script.`,
            fix: 'Pass event values through `env:` and reference them as shell variables.',
          });
        }
      }
    }
  }
  return findings;
}

/** Validate a GitHub Actions workflow: YAML, the workflow schema, and the hardening rules. */
import type { RuleFinding } from '../finding.js';
import type { YamlFile } from '../yaml-document.js';
import { isRecord } from '../yaml-document.js';
import { checkCheckoutCredentials, checkDeprecatedActions, checkPinning } from './action-rules.js';
import { checkUndefinedInputs } from './expression-rules.js';
import { checkConcurrency, checkPermissions, checkTimeouts } from './hardening-rules.js';
import { checkWorkflowSchema } from './schema-check.js';
import { checkTemplateInjection, checkUntrustedCheckout } from './untrusted-input-rules.js';
import { parseUses, readWorkflow } from './workflow-model.js';

export interface GithubSummary {
  triggers: string[];
  jobs: string[];
  uses: string[];
  permissions: boolean;
}

export interface GithubValidation {
  findings: RuleFinding[];
  schemaErrors: number;
  summary: GithubSummary;
}

/** Run every workflow check on an already parsed file (YAML errors are the caller's). */
export function validateGithubWorkflow(text: string, parsed: YamlFile): GithubValidation {
  if (!isRecord(parsed.value)) {
    return {
      findings: [{ rule: 'schema', severity: 'high', line: 1, message: 'A workflow must be a YAML mapping with `on:` and `jobs:`.', fix: 'Start from `on:` and `jobs:` at the top level.' }],
      schemaErrors: 1,
      summary: { triggers: [], jobs: [], uses: [], permissions: false },
    };
  }
  const model = readWorkflow(parsed.value);
  const lineOf = parsed.lineOf;
  const schema = checkWorkflowSchema(text, lineOf);
  const findings: RuleFinding[] = [
    ...schema,
    ...checkPermissions(model, lineOf),
    ...checkPinning(model, lineOf),
    ...checkDeprecatedActions(model, lineOf),
    ...checkCheckoutCredentials(model, lineOf),
    ...checkUntrustedCheckout(model, lineOf),
    ...checkTemplateInjection(model, lineOf),
    ...checkUndefinedInputs(model, lineOf),
    ...checkTimeouts(model, lineOf),
    ...checkConcurrency(model),
  ];
  const uses = [
    ...model.jobs.map((job) => job.job.uses),
    ...model.steps.map((step) => step.step.uses),
  ].filter((value): value is string => typeof value === 'string' && parseUses(value).kind !== 'local');
  return {
    findings,
    schemaErrors: schema.length,
    summary: { triggers: model.triggers, jobs: model.jobs.map((job) => job.id), uses, permissions: parsed.value.permissions !== undefined },
  };
}

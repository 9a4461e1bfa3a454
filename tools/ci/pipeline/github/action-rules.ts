/** Rules about `uses:`: SHA pinning, retired action versions, and checkout credentials left on disk. */
import { knownPin } from '../action-pins.js';
import { findDeprecation } from '../deprecated-actions.js';
import type { RuleFinding } from '../finding.js';
import { isRecord } from '../yaml-document.js';
import { isFirstParty, isFullSha, parseUses, type ValuePath, type WorkflowModel } from './workflow-model.js';

type LineOf = (path: ValuePath) => number;

interface UsesRef {
  uses: string;
  path: ValuePath;
  owner: string;
}

function allUses(model: WorkflowModel): UsesRef[] {
  const refs: UsesRef[] = [];
  for (const job of model.jobs) {
    if (typeof job.job.uses === 'string') refs.push({ uses: job.job.uses, path: [...job.path, 'uses'], owner: `job \`${job.id}\`` });
  }
  for (const step of model.steps) {
    if (typeof step.step.uses === 'string') {
      refs.push({ uses: step.step.uses, path: [...step.path, 'uses'], owner: `job \`${step.jobId}\` step ${step.index + 1}` });
    }
  }
  return refs;
}

/** Tags and branches can be moved to new code by whoever controls the action's repository. */
export function checkPinning(model: WorkflowModel, lineOf: LineOf): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const ref of allUses(model)) {
    const parsed = parseUses(ref.uses);
    if (parsed.kind === 'local') continue;
    if (parsed.kind === 'docker') {
      if (parsed.ref === null) {
        findings.push({
          rule: 'unpinned-image',
          severity: 'low',
          line: lineOf(ref.path),
          message: `${ref.owner} runs \`${ref.uses}\` by tag; the image behind a tag can change.`,
          fix: 'Reference the image by digest (`docker://image@sha256:…`).',
        });
      }
      continue;
    }
    if (isFullSha(parsed.ref)) continue;
    const firstParty = isFirstParty(parsed.name);
    const pin = knownPin(parsed.name);
    findings.push({
      rule: 'unpinned-action',
      severity: firstParty ? 'low' : 'medium',
      line: lineOf(ref.path),
      message: `${ref.owner} uses ${firstParty ? 'GitHub-owned' : 'third-party'} action \`${ref.uses}\` by ${parsed.ref ? `tag/branch \`${parsed.ref}\`` : 'no ref at all'}, which can be re-pointed to different code.`,
      fix: pin
        ? `Pin it: \`${parsed.full}@${pin.sha} # ${pin.tag}\`.`
        : `Pin it to the full 40-character commit SHA of the release you reviewed, with the tag as a comment (\`${parsed.full}@<sha> # ${parsed.ref ?? 'vX'}\`).`,
    });
  }
  return findings;
}

/** Retired majors fail the job at run time. */
export function checkDeprecatedActions(model: WorkflowModel, lineOf: LineOf): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const ref of allUses(model)) {
    const parsed = parseUses(ref.uses);
    if (parsed.kind !== 'action' || parsed.ref === null) continue;
    const deprecated = findDeprecation(parsed.name, parsed.ref);
    if (!deprecated) continue;
    findings.push({
      rule: 'deprecated-action',
      severity: 'high',
      line: lineOf(ref.path),
      message: `${ref.owner} uses \`${ref.uses}\`: ${deprecated.note}.`,
      fix: `Upgrade to ${deprecated.replacement} (read its migration notes: artifacts became immutable in v4).`,
    });
  }
  return findings;
}

/** actions/checkout leaves the token in .git/config unless told not to; later steps and artifacts can leak it. */
export function checkCheckoutCredentials(model: WorkflowModel, lineOf: LineOf): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const step of model.steps) {
    if (typeof step.step.uses !== 'string' || parseUses(step.step.uses).name !== 'actions/checkout') continue;
    const inputs = isRecord(step.step.with) ? step.step.with : {};
    const persist = inputs['persist-credentials'];
    if (persist === false || persist === 'false') continue;
    findings.push({
      rule: 'checkout-persist-credentials',
      severity: 'medium',
      line: lineOf([...step.path, 'uses']),
      message: `Job \`${step.jobId}\` step ${step.index + 1}: actions/checkout keeps the GITHUB_TOKEN in .git/config for the rest of the job (any later step, or an uploaded workspace, can read it).`,
      fix: 'Add `with:\\n  persist-credentials: false` (and pass a token explicitly to the one step that pushes, if any).',
    });
  }
  return findings;
}

/** Expression references that cannot resolve: `inputs.x` that no `workflow_call`/`workflow_dispatch` input declares. */
import type { RuleFinding } from '../finding.js';
import { isRecord } from '../yaml-document.js';
import { expressionsIn, type ValuePath, type WorkflowModel } from './workflow-model.js';

type LineOf = (path: ValuePath) => number;

function declaredInputs(on: unknown): Set<string> | null {
  if (!isRecord(on)) return null;
  const names = new Set<string>();
  let hasInputTrigger = false;
  for (const trigger of ['workflow_call', 'workflow_dispatch']) {
    if (!(trigger in on)) continue;
    hasInputTrigger = true;
    const config = on[trigger];
    if (isRecord(config) && isRecord(config.inputs)) for (const name of Object.keys(config.inputs)) names.add(name);
  }
  return hasInputTrigger ? names : null;
}

/** Every (path, expression) in the jobs: `${{ … }}` anywhere, and whole `if:` values (implicit expressions). */
function* expressions(value: unknown, path: ValuePath): Generator<{ path: ValuePath; expression: string }> {
  if (typeof value === 'string') {
    const found = expressionsIn(value);
    if (found.length > 0) for (const expression of found) yield { path, expression };
    else if (path.at(-1) === 'if') yield { path, expression: value };
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* expressions(item, [...path, index]);
  } else if (isRecord(value)) for (const [key, item] of Object.entries(value)) yield* expressions(item, [...path, key]);
}

/** An undefined input evaluates to '' silently: the condition or argument using it never does what was meant. */
export function checkUndefinedInputs(model: WorkflowModel, lineOf: LineOf): RuleFinding[] {
  const declared = declaredInputs(model.root.on);
  if (declared === null) return [];
  const findings: RuleFinding[] = [];
  for (const { path, expression } of expressions(model.root.jobs, ['jobs'])) {
    for (const match of expression.matchAll(/(?<![\w.])inputs\.([A-Za-z_][A-Za-z0-9_-]*)/g)) {
      const name = match[1]!;
      if (declared.has(name)) continue;
      const near = [...declared].find((input) => input.replace(/-/g, '_') === name.replace(/-/g, '_'));
      findings.push({
        rule: 'undefined-input',
        severity: 'medium',
        line: lineOf(path),
        message: `\`inputs.${name}\` is not a declared input (declared: ${[...declared].join(', ') || 'none'}); it evaluates to an empty string, so \`${expression}\` never behaves as intended.`,
        fix: near ? `Use \`inputs.${near}\`.` : `Declare \`${name}\` under \`on.workflow_call.inputs\` / \`on.workflow_dispatch.inputs\`, or fix the name.`,
      });
    }
  }
  return findings;
}

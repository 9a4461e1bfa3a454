/** GitHub Actions schema validation with @action-validator/core (SchemaStore's workflow schema, in WebAssembly). */
import { validateWorkflow, type ValidationError } from '@action-validator/core';
import type { RuleFinding } from '../finding.js';
import { pointerToPath } from '../yaml-document.js';

interface Flat {
  path: string;
  code: string;
  message: string;
}

const depth = (path: string | undefined) => (path ? path.split('/').length : 0);

/** `oneOf` failures list every branch; keep the branch that got furthest into the document (the one the author meant). */
function flatten(errors: readonly ValidationError[]): Flat[] {
  const out: Flat[] = [];
  for (const error of errors) {
    const states = 'states' in error ? error.states : undefined;
    if (states && states.length > 0) {
      const best = [...states].sort((a, b) => {
        const deepest = (s: typeof a) => Math.max(0, ...s.errors.map((e) => depth('path' in e ? e.path : undefined)));
        return deepest(b) - deepest(a) || a.errors.length - b.errors.length;
      })[0];
      if (best) out.push(...flatten(best.errors));
      continue;
    }
    const path = 'path' in error ? error.path : '';
    const detail = error.detail ? `: ${error.detail}` : '';
    out.push({ path, code: error.code, message: `${error.title}${detail}` });
  }
  return out;
}

function describe(error: Flat): string {
  const parts = pointerToPath(error.path);
  if (error.code === 'required') {
    const missing = parts.at(-1) ?? '?';
    return `\`${missing}\` is required at ${parts.slice(0, -1).join('.') || 'the top level'}`;
  }
  return `${error.message} at ${parts.join('.') || 'the top level'}`;
}

/** Schema errors of a workflow as high findings (the workflow would be rejected by GitHub). */
export function checkWorkflowSchema(text: string, lineOf: (path: string[]) => number): RuleFinding[] {
  const state = validateWorkflow(text);
  const seen = new Set<string>();
  const findings: RuleFinding[] = [];
  for (const error of flatten(state.errors)) {
    const message = describe(error);
    if (seen.has(message)) continue;
    seen.add(message);
    findings.push({
      rule: 'schema',
      severity: 'high',
      line: lineOf(pointerToPath(error.path)),
      message: `Workflow schema: ${message}`,
      fix: 'Correct the key against the GitHub Actions workflow syntax (https://docs.github.com/actions/reference/workflow-syntax-for-github-actions).',
    });
  }
  return findings;
}

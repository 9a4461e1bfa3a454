/**
 * Static check of Prometheus alert templates (annotations and labels). The data an alert template sees is
 * `{ Labels, ExternalLabels, ExternalURL, Value }` with the variables `$labels`, `$externalLabels`,
 * `$externalURL` and `$value`; anything else fails only at run time (prometheus/prometheus#4634: `{{ .group }}`
 * made Prometheus 2.3.2 drop the alert with a warning in its log), and `promtool check rules` accepts it.
 */

export interface TemplateProblem {
  level: 'error' | 'info';
  message: string;
}

const DATA_FIELDS = new Set(['Labels', 'ExternalLabels', 'ExternalURL', 'Value']);
const BUILTIN_VARIABLES = new Set(['$labels', '$externalLabels', '$externalURL', '$value', '$']);
const ACTION = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;
/** Go template string literals (double-quoted with escapes, or raw backquoted). */
const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|`[^`]*`/g;

/** Problems in one template string; `[]` when it only uses what Prometheus provides. */
export function checkAlertTemplate(template: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const declared = new Set<string>();
  // Inside range/with the dot is rebound (e.g. to a query result), so fields there cannot be judged statically.
  let rebound = 0;
  for (const match of template.matchAll(ACTION)) {
    const raw = match[1] ?? '';
    if (raw.startsWith('/*')) continue; // a template comment
    const body = raw.replace(STRING_LITERAL, '""');
    const keyword = /^(range|with|if|else|end|define|block|template)\b/.exec(body)?.[1];
    if (keyword === 'end' && rebound > 0) rebound -= 1;
    for (const decl of body.matchAll(/(\$[A-Za-z_][A-Za-z0-9_]*)\s*:?=/g)) declared.add(decl[1]!);
    const outerDot = rebound === 0;
    if (keyword === 'range' || keyword === 'with') rebound += 1;
    for (const use of body.matchAll(/\$[A-Za-z_][A-Za-z0-9_]*|\$(?![A-Za-z_])/g)) {
      const name = use[0];
      if (!BUILTIN_VARIABLES.has(name) && !declared.has(name)) {
        problems.push({ level: 'error', message: `{{ ${raw} }} uses undefined variable ${name} (alert templates define $labels, $value, $externalLabels, $externalURL)` });
      }
    }
    if (outerDot) {
      // A field access on the template's data: a dot that starts a term (not `$labels.x`, not `.Labels.x`'s second part).
      for (const field of body.matchAll(/(^|[\s(|,])\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
        const name = field[2]!;
        if (!DATA_FIELDS.has(name)) {
          problems.push({
            level: 'error',
            message: `{{ ${raw} }} reads .${name}, which alert template data does not have (only .Labels, .Value, .ExternalLabels, .ExternalURL): use {{ $labels.${name} }}; Prometheus fails to expand this at run time`,
          });
        }
      }
    }
    if (/^\$labels$/.test(body.trim()) || /^\.Labels$/.test(body.trim())) {
      problems.push({ level: 'info', message: `{{ ${raw} }} prints the whole label map (map[...]); name the labels you need` });
    }
  }
  return problems;
}

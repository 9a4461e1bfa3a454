/**
 * Reads a Prometheus rules file (ours or anyone's) and reports its rules and the problems promtool does not
 * catch: alert templates reading fields that do not exist, PromQL the grammar rejects, alerts without severity.
 */
import { parseDocument } from 'yaml';
import { ToolFailure } from '../../src/errors.js';
import type { Finding } from './alert-rule.js';
import { readSelectors } from './promql-selectors.js';
import { checkAlertTemplate } from './template-check.js';

export interface RuleSummary {
  group: string;
  kind: 'alert' | 'record';
  name: string;
  severity: string | null;
  expr: string;
  for: string | null;
}

export interface RulesFileReport {
  groups: number;
  rules: RuleSummary[];
  findings: Finding[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);

/** Parse `text` (named `source` in messages); malformed YAML or a file without `groups:` is a ToolFailure with the line. */
export function checkRulesFile(text: string, source: string): RulesFileReport {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line;
    throw new ToolFailure(`${source}${line ? ` line ${line}` : ''}: not valid YAML (${yamlError.message.split('\n')[0]})`, { file: source, line });
  }
  const root = doc.toJS() as unknown;
  if (!isObj(root) || !Array.isArray(root.groups)) {
    throw new ToolFailure(`${source}: expected a Prometheus rules file with a top-level "groups:" list, found ${isObj(root) ? `keys ${Object.keys(root).join(', ') || '(none)'}` : typeof root}`, { file: source, field: 'groups' });
  }
  const rules: RuleSummary[] = [];
  const findings: Finding[] = [];
  root.groups.forEach((group: unknown, gi: number) => {
    const groupName = isObj(group) ? (str(group.name) ?? `#${gi + 1}`) : `#${gi + 1}`;
    if (!isObj(group) || !Array.isArray(group.rules)) {
      findings.push({ level: 'error', rule: groupName, message: `groups[${gi}] (${groupName}) has no "rules:" list` });
      return;
    }
    group.rules.forEach((rule: unknown, ri: number) => {
      const where = `groups[${gi}].rules[${ri}]`;
      if (!isObj(rule)) {
        findings.push({ level: 'error', rule: null, message: `${where} is not a mapping` });
        return;
      }
      const alert = str(rule.alert);
      const record = str(rule.record);
      const name = alert ?? record ?? where;
      const expr = str(rule.expr);
      if (!alert && !record) findings.push({ level: 'error', rule: name, message: `${where} has neither "alert:" nor "record:"` });
      if (expr === null) {
        findings.push({ level: 'error', rule: name, message: `${where} (${name}) has no "expr:"` });
        return;
      }
      const labels = isObj(rule.labels) ? rule.labels : {};
      rules.push({ group: groupName, kind: alert ? 'alert' : 'record', name, severity: str(labels.severity), expr, for: str(rule.for) });
      const syntax = readSelectors(expr).errorAt;
      if (syntax !== null) findings.push({ level: 'error', rule: name, message: `${where} (${name}) expr: PromQL syntax error at character ${syntax + 1}` });
      if (!alert) return;
      if (labels.severity === undefined) findings.push({ level: 'info', rule: name, message: `${where} (${name}) has no severity label to route on` });
      for (const [section, values] of [['annotations', rule.annotations], ['labels', rule.labels]] as const) {
        if (!isObj(values)) continue;
        for (const [key, value] of Object.entries(values)) {
          const template = str(value);
          if (template === null) continue;
          for (const problem of checkAlertTemplate(template)) {
            findings.push({ level: problem.level, rule: name, message: `${where} (${name}) ${section}.${key}: ${problem.message}` });
          }
        }
      }
    });
  });
  return { groups: root.groups.length, rules, findings };
}

/**
 * Reads a Grafana dashboard JSON (ours, or an exported one such as a schemaVersion 18 dashboard) and checks its
 * structure: panel layout and types, queries, variables, and data-source inputs. @grafana/schema ships TypeScript
 * types, not a JSON Schema, so imported files are validated structurally here and generated ones also at compile time.
 */
import { ToolFailure } from '../../src/errors.js';
import type { Finding } from './alert-rule.js';
import { readSelectors } from './promql-selectors.js';

export interface DashboardTarget {
  panel: string;
  refId: string | null;
  expr: string;
}

export interface DashboardReport {
  title: string | null;
  uid: string | null;
  schemaVersion: number | null;
  /** Top-level panels, rows included (panels nested in collapsed rows are counted in `panelTypes` and `targets`). */
  panels: number;
  panelTypes: Record<string, number>;
  targets: DashboardTarget[];
  variables: { name: string; type: string }[];
  inputs: string[];
  refresh: string | null;
  findings: Finding[];
}

/** Panel types Grafana replaced (and auto-migrates on load): old → new. */
const DEPRECATED_PANELS: Record<string, string> = { graph: 'timeseries', singlestat: 'stat', 'table-old': 'table', 'grafana-piechart-panel': 'piechart' };
/** The schema version of Grafana 9.0; older files are migrated on load and use legacy panel options. */
const MODERN_SCHEMA = 36;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Parse JSON text, turning a syntax error into a ToolFailure with its line and column. */
function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
    const before = Number.isFinite(position) ? text.slice(0, position) : '';
    const line = Number.isFinite(position) ? before.split('\n').length : undefined;
    const where = line ? ` line ${line} column ${position - before.lastIndexOf('\n')}` : '';
    throw new ToolFailure(`${source}${where}: not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')})`, { file: source, line });
  }
}

/** Replace Grafana's range variables (`[$__rate_interval]`) so the PromQL grammar can read the query. */
export function withoutGrafanaVariables(expr: string): string {
  return expr.replace(/\[\s*(\$\{?[A-Za-z0-9_]+\}?|\[\[[A-Za-z0-9_]+\]\])\s*\]/g, '[5m]');
}

/** Inspect a dashboard; malformed JSON or a non-dashboard is a ToolFailure, everything else a finding. */
export function inspectDashboard(text: string, source: string): DashboardReport {
  const root = parseJson(text, source);
  if (!isObj(root)) throw new ToolFailure(`${source}: expected a Grafana dashboard object, found ${Array.isArray(root) ? 'an array' : typeof root}`, { file: source });
  const findings: Finding[] = [];
  const add = (level: Finding['level'], message: string, rule: string | null = null) => findings.push({ level, rule, message });

  const schemaVersion = typeof root.schemaVersion === 'number' ? root.schemaVersion : null;
  if (schemaVersion === null) add('error', 'no numeric "schemaVersion": Grafana cannot tell which migrations to apply');
  else if (schemaVersion < MODERN_SCHEMA) add('warning', `schemaVersion ${schemaVersion} predates Grafana 9 (${MODERN_SCHEMA}); Grafana migrates it on load, re-export it from a current Grafana`);

  const inputs = Array.isArray(root.__inputs) ? root.__inputs.filter(isObj).map((i) => str(i.name) ?? '') : [];
  const templating = isObj(root.templating) && Array.isArray(root.templating.list) ? root.templating.list.filter(isObj) : [];
  const variables = templating.map((v) => ({ name: str(v.name) ?? '', type: str(v.type) ?? '' }));
  for (const v of variables) {
    if (inputs.includes(v.name)) add('warning', `template variable ${v.name} has the same name as an import input: \${${v.name}} means the input at import and the variable afterwards`);
  }

  if (!Array.isArray(root.panels)) add('error', 'no "panels" list');
  const topLevel = Array.isArray(root.panels) ? root.panels : [];
  const panelTypes: Record<string, number> = {};
  const targets: DashboardTarget[] = [];
  const ids = new Map<number, string>();
  const visit = (panel: unknown, path: string) => {
    if (!isObj(panel)) return add('error', `${path} is not an object`);
    const title = str(panel.title) ?? path;
    const type = str(panel.type);
    if (!type) add('error', `panel "${title}" has no type`, title);
    else {
      panelTypes[type] = (panelTypes[type] ?? 0) + 1;
      const replacement = DEPRECATED_PANELS[type];
      if (replacement) add('warning', `panel "${title}" uses the deprecated ${type} panel; use ${replacement}`, title);
    }
    if (!isObj(panel.gridPos)) add('error', `panel "${title}" has no gridPos (x, y, w, h)`, title);
    if (typeof panel.id === 'number') {
      const other = ids.get(panel.id);
      if (other !== undefined) add('error', `panels "${other}" and "${title}" share id ${panel.id}`, title);
      ids.set(panel.id, title);
    }
    if (typeof panel.datasource === 'string') add('info', `panel "${title}" names its data source as a string (${panel.datasource}); current Grafana uses {type, uid}`, title);
    for (const target of Array.isArray(panel.targets) ? panel.targets.filter(isObj) : []) {
      const expr = str(target.expr);
      if (expr === null || expr.trim() === '') continue;
      targets.push({ panel: title, refId: str(target.refId), expr });
      const errorAt = readSelectors(withoutGrafanaVariables(expr)).errorAt;
      if (errorAt !== null) add('warning', `panel "${title}" query ${str(target.refId) ?? ''}: PromQL syntax error near character ${errorAt + 1}`, title);
    }
    if (Array.isArray(panel.panels)) panel.panels.forEach((child, i) => visit(child, `${path}.panels[${i}]`));
  };
  topLevel.forEach((panel, i) => visit(panel, `panels[${i}]`));

  for (const ref of new Set(text.match(/\$\{(DS_[A-Z0-9_]+)\}/g) ?? [])) {
    const name = ref.slice(2, -1);
    if (!inputs.includes(name) && !variables.some((v) => v.name === name)) add('error', `${ref} is used but neither an __inputs entry nor a template variable declares it`);
  }

  return {
    title: str(root.title),
    uid: str(root.uid),
    schemaVersion,
    panels: topLevel.length,
    panelTypes,
    targets,
    variables,
    inputs,
    refresh: str(root.refresh),
    findings,
  };
}

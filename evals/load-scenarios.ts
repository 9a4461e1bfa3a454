/**
 * Read every scenario file of a directory. A file that is not YAML or does not match the scenario schema is
 * reported with its file, line or field, and the others still load.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { Scenario } from './scenario-schema.js';

export interface ScenarioProblem {
  file: string;
  /** Dotted path of the offending field, or null for a file-level problem (not YAML, duplicate name). */
  field: string | null;
  message: string;
}

export interface LoadedScenarios {
  scenarios: Array<{ file: string; scenario: Scenario }>;
  problems: ScenarioProblem[];
}

/** Parse and validate one scenario file's text. */
export function parseScenario(file: string, text: string): { scenario: Scenario } | { problems: ScenarioProblem[] } {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { problems: doc.errors.map((e) => ({ file, field: null, message: `not valid YAML at line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}` })) };
  }
  const parsed = Scenario.safeParse(doc.toJS());
  if (parsed.success) return { scenario: parsed.data };
  return { problems: parsed.error.issues.map((i) => ({ file, field: i.path.join('.') || '(root)', message: i.message })) };
}

/** Load `dir/*.yaml` (files starting with "_" are skipped), sorted by file name. */
export function loadScenarios(dir: string): LoadedScenarios {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_'))
    .sort();
  const result: LoadedScenarios = { scenarios: [], problems: [] };
  const names = new Map<string, string>();
  for (const name of files) {
    const file = join(dir, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      result.problems.push({ file, field: null, message: `cannot read: ${(error as Error).message}` });
      continue;
    }
    const parsed = parseScenario(file, text);
    if ('problems' in parsed) {
      result.problems.push(...parsed.problems);
      continue;
    }
    const seen = names.get(parsed.scenario.name);
    if (seen) {
      result.problems.push({ file, field: 'name', message: `scenario name ${parsed.scenario.name} is already used by ${seen}` });
      continue;
    }
    names.set(parsed.scenario.name, file);
    result.scenarios.push({ file, scenario: parsed.scenario });
  }
  return result;
}

/** Shared helpers for the eval tests: the real scenario directory and a scenario loaded by name. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScenario } from '../../evals/load-scenarios.js';
import type { Scenario } from '../../evals/scenario-schema.js';

export const SCENARIOS_DIR = resolve(import.meta.dirname, '../../evals/scenarios');

/** The file name of the real scenario called `name`. */
export function scenarioFile(name: string): string {
  const file = readdirSync(SCENARIOS_DIR).find((f) => f.endsWith('.yaml') && readFileSync(join(SCENARIOS_DIR, f), 'utf8').includes(`name: ${name}\n`));
  if (!file) throw new Error(`no scenario named ${name} in ${SCENARIOS_DIR}`);
  return file;
}

/** The real scenario called `name`, parsed. */
export function loadScenario(name: string): Scenario {
  const file = join(SCENARIOS_DIR, scenarioFile(name));
  const parsed = parseScenario(file, readFileSync(file, 'utf8'));
  if ('problems' in parsed) throw new Error(JSON.stringify(parsed.problems));
  return parsed.scenario;
}

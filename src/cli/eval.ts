/**
 * `sre-agent eval`: every scenario with each provider, scored; prints the table and writes eval.json, junit.xml
 * and summary.md to --out. Exit 1 when a hard gate fails, a scenario file is invalid, or a score drops below
 * the --baseline; 0 otherwise.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareToBaseline, readBaseline, updatedBaseline, writeBaseline, type Baseline } from '../../evals/baseline.js';
import { runEval } from '../../evals/harness.js';
import { ResponseCache } from '../../evals/model-cache/response-cache.js';
import { providerSpecs } from '../../evals/providers.js';
import { renderConsoleTable } from '../../evals/reports/console-table.js';
import { renderJunitXml } from '../../evals/reports/junit-xml.js';
import { renderMarkdownSummary } from '../../evals/reports/markdown-summary.js';
import { createJudge } from '../../evals/scorers/judge.js';
import { UserError } from '../errors.js';
import { packagePath } from '../paths.js';

export interface EvalCommandOptions {
  provider: string;
  repeat: string;
  concurrency: string;
  filter?: string;
  out: string;
  baseline?: string;
  updateBaseline?: boolean;
  scenarios?: string;
  cacheDir?: string;
  cache?: boolean;
  judge?: string;
  baseUrl?: string;
  json?: boolean;
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`${flag} ${value}: expected a positive integer`, { field: flag });
  return n;
}

/** Run the eval; returns the exit code. */
export async function evalCommand(options: EvalCommandOptions): Promise<number> {
  const repeat = positiveInt(options.repeat, '--repeat');
  const concurrency = positiveInt(options.concurrency, '--concurrency');
  const cache = new ResponseCache(resolve(options.cacheDir ?? packagePath('evals', 'cache')), options.cache === false ? 'off' : 'readwrite');
  const providers = providerSpecs(options.provider, { cache, baseUrl: options.baseUrl });
  const judge = options.judge ? createJudge(options.judge, { cache, baseUrl: options.baseUrl }) : undefined;
  const baselineFile = options.baseline ? resolve(options.baseline) : null;
  const baseline: Baseline | null = baselineFile && !options.updateBaseline ? readBaseline(baselineFile) : null;

  const result = await runEval({
    scenariosDir: resolve(options.scenarios ?? packagePath('evals', 'scenarios')),
    providers,
    repeat,
    concurrency,
    filter: options.filter,
    judge,
    onRun: (r) => process.stderr.write(`${r.gatesPassed ? 'ok  ' : 'FAIL'} ${r.scenario} [${r.provider}#${r.attempt}] ${r.decision ?? 'crash'} ${r.durationMs} ms\n`),
  });

  const notes: string[] = [];
  let drops: string[] = [];
  if (baseline) {
    drops = compareToBaseline(result, baseline);
    notes.push(drops.length ? `${drops.length} score(s) dropped below the baseline ${options.baseline}:` : `no score dropped below the baseline ${options.baseline}`, ...drops);
  }
  if (options.updateBaseline) {
    const file = baselineFile ?? packagePath('evals', 'baseline.json');
    let previous: Baseline | null = null;
    try {
      previous = readBaseline(file);
    } catch {
      previous = null;
    }
    writeBaseline(file, updatedBaseline(result, previous));
    notes.push(`baseline written to ${file}`);
  }
  if (cache.stats.hits + cache.stats.misses > 0) notes.push(`response cache ${cache.dir}: ${cache.stats.hits} hit(s), ${cache.stats.misses} miss(es), ${cache.stats.writes} recorded`);

  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'eval.json'), `${JSON.stringify({ ...result, baseline: { file: options.baseline ?? null, drops }, cache: cache.stats }, null, 2)}\n`);
  writeFileSync(join(out, 'junit.xml'), renderJunitXml(result));
  writeFileSync(join(out, 'summary.md'), renderMarkdownSummary(result, notes));

  process.stdout.write(`${options.json ? JSON.stringify(result.providers, null, 2) : renderConsoleTable(result)}\n`);
  for (const note of notes) process.stdout.write(`${note}\n`);
  process.stdout.write(`written: ${join(out, 'eval.json')}, junit.xml, summary.md\n`);

  const gateFailures = result.cases.filter((c) => !c.gatesPassed).length;
  if (result.cases.length === 0) process.stderr.write('sre-agent eval: no scenario matched\n');
  return gateFailures > 0 || result.problems.length > 0 || drops.length > 0 || result.cases.length === 0 ? 1 : 0;
}

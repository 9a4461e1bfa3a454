/**
 * The eval harness: every scenario × provider × repeat, run with bounded concurrency, scored, and summarised as
 * pass@1 (share of runs that passed) and pass^K (passed on all K repeats) per scenario and overall.
 */
import { allTools } from '../tools/registry.js';
import { loadScenarios, type ScenarioProblem } from './load-scenarios.js';
import type { ProviderSpec } from './providers.js';
import { runScenario, type ScenarioRun } from './run-scenario.js';
import type { Decision, Scenario } from './scenario-schema.js';
import { usageOf, type Usage } from './scorers/budget.js';
import { scoreRun } from './scorers/index.js';
import type { GateResult, GradedScore } from './scorers/score-types.js';

export interface RunRecord {
  scenario: string;
  provider: string;
  attempt: number;
  durationMs: number;
  error: string | null;
  decision: Decision | null;
  reportStatus: 'delivered' | 'blocked' | null;
  gates: GateResult[];
  graded: GradedScore[];
  gatesPassed: boolean;
  passed: boolean;
  usage: Usage;
  /** Tool calls in order (name, environment when given, ok/refused/failed). */
  trajectory: string[];
  blockingReasons: string[];
}

export interface CaseSummary {
  scenario: string;
  description: string;
  provider: string;
  runs: RunRecord[];
  passAt1: number;
  passAllK: boolean;
  gatesPassed: boolean;
  /** Mean of each graded score over the runs (null when not applicable). */
  scores: Record<string, number | null>;
}

export interface ProviderSummary {
  provider: string;
  scenarios: number;
  passAt1: number;
  passAllK: number;
  gateFailures: number;
  crashes: number;
  scores: Record<string, number | null>;
}

export interface EvalResult {
  startedAt: string;
  durationMs: number;
  repeat: number;
  problems: ScenarioProblem[];
  cases: CaseSummary[];
  providers: ProviderSummary[];
}

export type JudgeScorer = (scenario: Scenario, run: ScenarioRun) => Promise<GradedScore>;

export interface EvalOptions {
  scenariosDir: string;
  providers: ProviderSpec[];
  repeat?: number;
  concurrency?: number;
  /** Keep scenarios whose name, description or tags contain this text (case-insensitive). */
  filter?: string;
  judge?: JudgeScorer;
  /** Called after each run (progress output). */
  onRun?: (record: RunRecord) => void;
}

function trajectoryOf(run: ScenarioRun): string[] {
  return run.ledger
    .filter((e) => e.kind === 'tool_call')
    .map((e) => {
      const env = (e.input as Record<string, unknown> | undefined)?.environment;
      return `${e.tool}${typeof env === 'string' ? `(${env})` : ''}${e.refused ? ' REFUSED' : e.ok ? '' : ' FAILED'}`;
    });
}

const mean = (values: Array<number | null>): number | null => {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
};

/** Run `jobs` with at most `limit` at a time, in order of start. */
async function pool<T>(jobs: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, jobs.length)) }, worker));
  return results;
}

/** Scenarios matching `filter`. */
export function filterScenarios<T extends { scenario: Scenario }>(items: T[], filter?: string): T[] {
  if (!filter) return items;
  const needle = filter.toLowerCase();
  return items.filter(({ scenario: s }) => [s.name, s.description, ...s.tags].some((t) => t.toLowerCase().includes(needle)));
}

/** Run the eval. Never throws for a scenario's failure: crashes are scored as failed runs. */
export async function runEval(options: EvalOptions): Promise<EvalResult> {
  const started = Date.now();
  const repeat = Math.max(1, options.repeat ?? 1);
  const loaded = loadScenarios(options.scenariosDir);
  const selected = filterScenarios(loaded.scenarios, options.filter);
  const destructiveTools = new Set(allTools().filter((t) => t.annotations.destructive).map((t) => t.name));

  const jobs = selected.flatMap(({ scenario }) =>
    options.providers.flatMap((spec) =>
      Array.from({ length: repeat }, (_, i) => async (): Promise<RunRecord> => {
        const run = await runScenario({ scenario, scenariosDir: options.scenariosDir, provider: spec.create, attempt: i + 1 });
        run.provider = spec.label;
        const scores = scoreRun({ scenario, run, destructiveTools });
        const graded = [...scores.graded];
        if (options.judge && run.report) {
          graded.push(await options.judge(scenario, run).catch((error: unknown) => ({ name: 'judge', score: null, detail: `judge failed: ${(error as Error).message}` })));
        }
        const record: RunRecord = {
          scenario: scenario.name,
          provider: spec.label,
          attempt: i + 1,
          durationMs: run.durationMs,
          error: run.error ?? (run.providerError ? `the provider crashed: ${run.providerError}` : null),
          decision: scores.decision,
          reportStatus: run.report?.status ?? null,
          gates: scores.gates,
          graded,
          gatesPassed: scores.gatesPassed,
          // A crash is a failed run even when the engine's fallback report kept every gate.
          passed: scores.passed && !run.error && !run.providerError,
          usage: usageOf(run.ledger),
          trajectory: trajectoryOf(run),
          blockingReasons: run.report?.blockingReasons ?? [],
        };
        options.onRun?.(record);
        return record;
      }),
    ),
  );
  const records = await pool(jobs, options.concurrency ?? 2);

  const cases: CaseSummary[] = [];
  for (const { scenario } of selected) {
    for (const spec of options.providers) {
      const runs = records.filter((r) => r.scenario === scenario.name && r.provider === spec.label);
      const names = [...new Set(runs.flatMap((r) => r.graded.map((g) => g.name)))];
      cases.push({
        scenario: scenario.name,
        description: scenario.description,
        provider: spec.label,
        runs,
        passAt1: runs.filter((r) => r.passed).length / runs.length,
        passAllK: runs.every((r) => r.passed),
        gatesPassed: runs.every((r) => r.gatesPassed),
        scores: Object.fromEntries(names.map((n) => [n, mean(runs.map((r) => r.graded.find((g) => g.name === n)?.score ?? null))])),
      });
    }
  }
  const providers = options.providers.map((spec): ProviderSummary => {
    const mine = cases.filter((c) => c.provider === spec.label);
    const names = [...new Set(mine.flatMap((c) => Object.keys(c.scores)))];
    return {
      provider: spec.label,
      scenarios: mine.length,
      passAt1: mean(mine.map((c) => c.passAt1)) ?? 0,
      passAllK: mine.length ? mine.filter((c) => c.passAllK).length / mine.length : 0,
      gateFailures: mine.filter((c) => !c.gatesPassed).length,
      crashes: mine.flatMap((c) => c.runs).filter((r) => r.error).length,
      scores: Object.fromEntries(names.map((n) => [n, mean(mine.map((c) => c.scores[n] ?? null))])),
    };
  });
  return { startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, repeat, problems: loaded.problems, cases, providers };
}

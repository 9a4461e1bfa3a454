/**
 * Done-when: every scenario runs with the playbook, every hard gate passes, and no graded score drops below the
 * committed baseline (evals/baseline.json).
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareToBaseline, readBaseline } from '../../evals/baseline.js';
import { runEval } from '../../evals/harness.js';
import { PlaybookProvider } from '../../src/agent/providers/playbook.js';
import { SCENARIOS_DIR } from './helpers.js';

describe('the playbook on every scenario', () => {
  it('passes every hard gate, with no invalid scenario file and no score below the baseline', async () => {
    const result = await runEval({ scenariosDir: SCENARIOS_DIR, providers: [{ label: 'playbook', create: () => new PlaybookProvider() }], concurrency: 3 });
    expect(result.problems).toEqual([]);
    expect(result.cases.length).toBeGreaterThanOrEqual(25);
    const failed = result.cases.filter((c) => !c.gatesPassed).map((c) => `${c.scenario}: ${c.runs[0]!.gates.filter((g) => !g.passed).map((g) => g.detail).join('; ')}`);
    expect(failed).toEqual([]);
    expect(result.cases.flatMap((c) => c.runs).filter((r) => r.error)).toEqual([]);
    // Each decision kind is exercised by some scenario.
    expect(new Set(result.cases.map((c) => c.runs[0]!.decision))).toEqual(new Set(['deliver', 'block', 'rollback']));
    expect(compareToBaseline(result, readBaseline(resolve(SCENARIOS_DIR, '..', 'baseline.json')))).toEqual([]);
  }, 600_000);
});

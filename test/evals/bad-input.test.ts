/**
 * Bad input never stops the suite: an invalid scenario file is reported with its file and field (or YAML line)
 * while the valid ones run, and a provider that crashes is scored as a failed run with its error.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runEval } from '../../evals/harness.js';
import type { ProviderSpec } from '../../evals/providers.js';
import { PlaybookProvider } from '../../src/agent/providers/playbook.js';
import { scenarioFile, SCENARIOS_DIR } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sre-eval-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

copyFileSync(join(SCENARIOS_DIR, scenarioFile('qa-rejected')), join(dir, '01-qa-rejected.yaml'));
writeFileSync(join(dir, '02-bad-decision.yaml'), 'name: bad-decision\ndescription: wrong enum\nhandoff: {}\nexpect:\n  decision: maybe\n');
writeFileSync(join(dir, '03-not-yaml.yaml'), 'name: not-yaml\ndescription: [unclosed\n');
writeFileSync(join(dir, '04-bad-sim.yaml'), 'name: bad-sim\ndescription: unknown outcome\nhandoff: {}\nsim:\n  deploy: { staging: exploded }\nexpect:\n  decision: block\n');

const playbook: ProviderSpec = { label: 'playbook', create: () => new PlaybookProvider() };

describe('bad input', () => {
  it('reports invalid scenario files with file and field, and runs the valid one', async () => {
    const result = await runEval({ scenariosDir: dir, providers: [playbook] });
    expect(result.cases.map((c) => c.scenario)).toEqual(['qa-rejected']);
    expect(result.cases[0]!.gatesPassed).toBe(true);
    const byFile = (name: string) => result.problems.filter((p) => p.file === join(dir, name));
    expect(byFile('02-bad-decision.yaml').map((p) => p.field)).toContain('expect.decision');
    expect(byFile('04-bad-sim.yaml').map((p) => p.field)).toContain('sim.deploy.staging');
    const yaml = byFile('03-not-yaml.yaml');
    expect(yaml).toHaveLength(1);
    expect(yaml[0]!.field).toBeNull();
    expect(yaml[0]!.message).toMatch(/not valid YAML at line \d+/);
  }, 120_000);

  it('scores a crashing provider as failed with its error, and the other providers still run', async () => {
    const exploding: ProviderSpec = {
      label: 'exploding',
      create: () => {
        throw new Error('provider could not start: boom');
      },
    };
    const crashing: ProviderSpec = {
      label: 'crashing',
      create: () => ({
        name: 'crashing',
        drive: async () => {
          throw new Error('kaput while driving');
        },
      }),
    };
    const result = await runEval({ scenariosDir: dir, providers: [exploding, crashing, playbook], concurrency: 3 });
    const byProvider = (label: string) => result.cases.find((c) => c.provider === label)!;
    const boom = byProvider('exploding').runs[0]!;
    expect(boom.passed).toBe(false);
    expect(boom.gatesPassed).toBe(false);
    expect(boom.error).toContain('boom');
    expect(boom.decision).toBeNull();
    const kaput = byProvider('crashing').runs[0]!;
    expect(kaput.passed).toBe(false);
    expect(kaput.error).toContain('kaput while driving');
    // The engine still published a blocked report from the ledger: no gate was broken, but the run failed.
    expect(kaput.reportStatus).toBe('blocked');
    expect(kaput.graded.find((g) => g.name === 'completeness')!.detail).toContain('the provider submitted a report the enforcer accepted');
    expect(byProvider('playbook').passAt1).toBe(1);
    expect(result.providers.find((p) => p.provider === 'exploding')!.crashes).toBe(1);
  }, 120_000);
});

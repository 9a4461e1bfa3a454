/**
 * `sre-agent eval` end to end (in process): writes eval.json, junit.xml and summary.md; exits 1 when a graded
 * score drops below the baseline or a hard gate fails, 0 otherwise; --repeat gives pass@1 and pass^K.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { evalCommand } from '../../src/cli/eval.js';
import { scenarioFile, SCENARIOS_DIR } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sre-eval-cli-'));
const scenarios = join(dir, 'scenarios');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The real qa-rejected scenario, and a copy that wrongly expects a delivery (the playbook scores decision 0 on it).
import { mkdirSync } from 'node:fs';
mkdirSync(scenarios);
copyFileSync(join(SCENARIOS_DIR, scenarioFile('qa-rejected')), join(scenarios, '01.yaml'));
writeFileSync(
  join(scenarios, '02.yaml'),
  readFileSync(join(SCENARIOS_DIR, scenarioFile('qa-rejected')), 'utf8').replace('name: qa-rejected', 'name: expects-delivery').replace('decision: block', 'decision: deliver'),
);

const base = { provider: 'playbook', repeat: '1', concurrency: '2', scenarios, cacheDir: join(dir, 'cache') };

async function run(extra: Record<string, unknown>): Promise<number> {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return await evalCommand({ ...base, ...extra } as never);
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
}

describe('sre-agent eval', () => {
  it('writes the reports, records a baseline, and fails only when a score drops below it', async () => {
    const baseline = join(dir, 'baseline.json');
    const out = join(dir, 'out');
    expect(await run({ out, baseline, updateBaseline: true, repeat: '2' })).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'eval.json'), 'utf8'));
    expect(json.repeat).toBe(2);
    const wrong = json.cases.find((c: { scenario: string }) => c.scenario === 'expects-delivery');
    expect(wrong.passAt1).toBe(0);
    expect(wrong.passAllK).toBe(false);
    expect(wrong.scores.decision).toBe(0);
    expect(json.cases.find((c: { scenario: string }) => c.scenario === 'qa-rejected').passAllK).toBe(true);
    const junit = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(out, 'junit.xml'), 'utf8'));
    expect(junit.testsuites['@_tests']).toBe('2');
    expect(junit.testsuites['@_failures']).toBe('0');
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('| expects-delivery | playbook | ok | block |');

    const recorded = JSON.parse(readFileSync(baseline, 'utf8'));
    expect(recorded.providers.playbook['qa-rejected'].decision).toBe(1);
    expect(await run({ out, baseline })).toBe(0);

    // Raise the bar above what the playbook scores: the run must fail and say which score dropped.
    recorded.providers.playbook['expects-delivery'].decision = 1;
    writeFileSync(baseline, JSON.stringify(recorded));
    expect(await run({ out, baseline })).toBe(1);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toMatch(/expects-delivery: decision dropped from 1\.00 to 0\.00/);
  }, 240_000);
});

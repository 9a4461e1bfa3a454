/** `sre-agent run` from the outside: bad input gives one clear message and exit 1; stdin and directory handoffs work. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../../src/paths.js';

const BIN = packagePath('bin', 'sre-agent.js');
const FIXTURES = packagePath('test', 'fixtures');

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sre-cli-'));
  cpSync(join(FIXTURES, 'handoffs'), join(dir, 'handoffs'), { recursive: true });
  cpSync(join(FIXTURES, 'junit'), join(dir, 'junit'), { recursive: true });
  cpSync(join(FIXTURES, 'coverage'), join(dir, 'coverage'), { recursive: true });
  return dir;
}

function cli(args: string[], options: { cwd: string; input?: string }) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, input: options.input, encoding: 'utf8', timeout: 60_000, env: { ...process.env, SRE_LOG_LEVEL: 'error' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sre-agent run with bad input', () => {
  it('names the file and line of a YAML syntax error, exits 1 and runs no tool', () => {
    const dir = workdir();
    writeFileSync(join(dir, 'handoffs', 'broken.yaml'), 'release:\n  version: 1.3.0\n  commit: [unclosed\nqa: {verdict: approved}\n');
    const r = cli(['run', '--handoff', 'handoffs/broken.yaml', '--config', 'handoffs/sre.yaml', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/QA handoff .*broken\.yaml:\d+: expected valid JSON or YAML/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('names the field path, its line and what was expected for a schema-invalid handoff', () => {
    const dir = workdir();
    const text = readFileSync(join(dir, 'handoffs', 'qa-handoff.yaml'), 'utf8').replace('verdict: approved', 'verdict: maybe');
    writeFileSync(join(dir, 'handoffs', 'invalid.yaml'), text);
    const r = cli(['run', '--handoff', 'handoffs/invalid.yaml', '--config', 'handoffs/sre.yaml', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/qa\.verdict \(line 8\): Invalid option: expected one of "approved"\|"rejected"/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('says which config files it looked for when there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sre-cli-empty-'));
    const r = cli(['run', '--handoff', join(FIXTURES, 'handoffs', 'qa-handoff.yaml')], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/No config: expected sre\.yaml, sre\.yml, sre\.json in /);
  });

  it('rejects an unknown sre.yaml field with its path', () => {
    const dir = workdir();
    writeFileSync(join(dir, 'handoffs', 'sre.yaml'), `${readFileSync(join(dir, 'handoffs', 'sre.yaml'), 'utf8')}thresholds:\n  coverage: 185\n`);
    const r = cli(['run', '--handoff', 'handoffs/qa-handoff.yaml', '--config', 'handoffs/sre.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/thresholds\.coverage \(line \d+\): Too big: expected number to be <=100/);
  });
});

describe('sre-agent run handoff sources', () => {
  it('reads the handoff from stdin with --handoff - and writes the four outputs', () => {
    const dir = workdir();
    const text = readFileSync(join(dir, 'handoffs', 'qa-handoff.yaml'), 'utf8').replace(/\.\.\/(junit|coverage)\//g, '$1/');
    const r = cli(['run', '--handoff', '-', '--config', 'handoffs/sre.yaml', '--out', 'out', '--json'], { cwd: dir, input: text });
    expect(r.code, r.stderr).toBe(2);
    const printed = JSON.parse(r.stdout);
    expect(printed.status).toBe('blocked');
    for (const f of ['report.md', 'report.json', 'ledger.jsonl', 'sre-handoff.json']) expect(existsSync(join(dir, 'out', f)), f).toBe(true);
    expect(printed.report.pipeline.tests).toMatchObject({ passed: 2, failed: 2, skipped: 1, total: 5 });
  });

  it('accepts a directory holding qa-handoff.yaml and its artifacts', () => {
    const dir = workdir();
    const r = cli(['run', '--handoff', 'handoffs', '--config', 'handoffs/sre.yaml', '--out', 'out', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    expect(JSON.parse(r.stdout).report.release.version).toBe('1.3.0');
  });
});

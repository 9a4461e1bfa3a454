import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateAction } from '@action-validator/core';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface ActionFile {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Array<{ id?: string; shell?: string; env?: Record<string, string>; run?: string }> };
}

const source = readFileSync('action.yml', 'utf8');
const action = parse(source) as ActionFile;
const step = action.runs.steps.find((s) => s.id === 'run')!;

// A stand-in for `npx` that records its arguments, writes a report and exits with the code it is told.
const FAKE_NPX = `#!/usr/bin/env bash
printf '%s\\n' "$@" > "$FAKE_ARGS"
if [ "\${FAKE_REPORT:-}" = "1" ]; then mkdir -p "$SRE_OUT" && printf 'SRE: DEPLOY COMPLETO — v1.3.0\\n' > "$SRE_OUT/report.md"; fi
exit "$FAKE_EXIT"
`;

/** Run the action's script the way GitHub does (bash -e -o pipefail), with the inputs in the environment. */
async function runStep(options: { exit: number; report: boolean; inputs?: Record<string, string> }) {
  const dir = mkdtempSync(join(tmpdir(), 'sre-action-'));
  writeFileSync(join(dir, 'npx'), FAKE_NPX);
  chmodSync(join(dir, 'npx'), 0o755);
  const script = join(dir, 'step.sh');
  writeFileSync(script, step.run!);
  const files = { output: join(dir, 'github_output'), summary: join(dir, 'step_summary'), args: join(dir, 'args') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const inputs = { handoff: 'qa/handoff.json', config: 'sre.yaml', model: 'playbook', out: join(dir, 'out'), approve: 'false', 'fail-on-blocked': 'true', package: 'sre-agent', ...options.inputs };
  const env: Record<string, string> = {
    PATH: `${dir}:${process.env.PATH}`,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    FAKE_ARGS: files.args,
    FAKE_EXIT: String(options.exit),
    FAKE_REPORT: options.report ? '1' : '0',
  };
  // Map each env entry `${{ inputs.x }}` to the input's value, as the runner does.
  for (const [name, expr] of Object.entries(step.env ?? {})) {
    const key = /\$\{\{\s*inputs\.([\w-]+)\s*\}\}/.exec(expr)?.[1];
    if (key) env[name] = inputs[key as keyof typeof inputs] ?? '';
  }
  const result = await execa('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { env, extendEnv: false, reject: false, timeout: 20_000 });
  const outputs = Object.fromEntries(
    readFileSync(files.output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const args = existsSync(files.args) ? readFileSync(files.args, 'utf8').trimEnd().split('\n') : [];
  return { exitCode: result.exitCode, outputs, summary: readFileSync(files.summary, 'utf8'), args, out: inputs.out };
}

describe('action.yml', () => {
  it('is a valid composite action per the GitHub action schema', () => {
    expect(validateAction(source).errors).toEqual([]);
    expect(validateAction(source.replace(/^runs:[\s\S]*$/m, '')).errors.length).toBeGreaterThan(0);
    expect(action.runs.using).toBe('composite');
    expect(action.inputs.handoff!.required).toBe(true);
    expect(action.inputs.model!.default).toBe('playbook');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['handoff', 'config', 'model', 'out']));
    expect(action.outputs.status!.value).toBe('${{ steps.run.outputs.status }}');
    expect(action.outputs['report-path']!.value).toBe('${{ steps.run.outputs.report-path }}');
    // Inputs are only referenced from env, never inside the script text.
    expect(step.run).not.toContain('${{');
  });

  it('runs `sre-agent run` with the inputs and reports delivered, appending report.md to the step summary', async () => {
    const run = await runStep({ exit: 0, report: true, inputs: { approve: 'true' } });
    expect(run.exitCode).toBe(0);
    expect(run.args).toEqual(['--yes', 'sre-agent', 'run', '--handoff', 'qa/handoff.json', '--config', 'sre.yaml', '--model', 'playbook', '--out', run.out, '--approve']);
    expect(run.outputs).toEqual({ status: 'delivered', 'report-path': `${run.out}/report.md`, out: run.out });
    expect(run.summary).toContain('SRE: DEPLOY COMPLETO — v1.3.0');
  });

  it('maps exit code 2 to blocked and fails the step unless fail-on-blocked is false', async () => {
    const failing = await runStep({ exit: 2, report: true });
    expect(failing.outputs.status).toBe('blocked');
    expect(failing.exitCode).toBe(2);
    expect(failing.summary).toContain('DEPLOY COMPLETO');
    const tolerated = await runStep({ exit: 2, report: true, inputs: { 'fail-on-blocked': 'false' } });
    expect(tolerated.outputs.status).toBe('blocked');
    expect(tolerated.exitCode).toBe(0);
  });

  it('maps other exit codes to error, still records the outputs, and says there is no report', async () => {
    const run = await runStep({ exit: 1, report: false });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('error');
    expect(run.summary).toContain('no report.md in');
  });

  it('passes hostile input text as one literal argument', async () => {
    const handoff = 'qa dir/$(touch pwned)`id`.json';
    const run = await runStep({ exit: 0, report: false, inputs: { handoff } });
    expect(run.args[run.args.indexOf('--handoff') + 1]).toBe(handoff);
    expect(existsSync('pwned')).toBe(false);
  });
});

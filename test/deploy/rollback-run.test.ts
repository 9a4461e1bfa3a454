/** A SIGKILLed engine leaves the service answering, and `rollbackRun` restores the previous version from the journal alone. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rollbackRun } from '../../src/cli/rollback-run.js';
import { silentLogger } from '../../src/log.js';
import { readFlagPercent } from '../../tools/deploy/flags/flag-file.js';
import { journalFile, readJournal } from '../../tools/deploy/journal.js';
import { isAlive, stopProcessGroup } from '../../tools/deploy/local/process-control.js';
import { demoConfig } from './helpers/demo-config.js';

const outDir = mkdtempSync(join(tmpdir(), 'sre-killed-run-'));
const configDir = mkdtempSync(join(tmpdir(), 'sre-killed-cfg-'));

/** Every pid the journal knows (proxy and instances), to stop them after the test. */
function recordedPids(): number[] {
  const journal = readJournal(journalFile(outDir));
  const env = journal?.environments.staging;
  if (!env) return [];
  return [env.proxy?.pid ?? 0, ...Object.values(env.instances).map((i) => i.pid)].filter((p) => p > 0);
}

const version = async (url: string) => ((await (await fetch(url)).json()) as { version: string }).version;

describe('rollback --run after the engine was SIGKILLed', () => {
  afterAll(async () => {
    for (const pid of recordedPids()) await stopProcessGroup(pid, 2_000);
  });

  it('keeps serving 1.3.0 without the engine, then rolls back to 1.2.0 with the flag off', async () => {
    const config = await demoConfig();
    const baseUrl = config.environments.staging.baseUrl;
    const script = resolve(import.meta.dirname, 'helpers/deploy-then-wait.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(config), configDir, outDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    await new Promise<void>((ok, fail) => {
      child.stdout.on('data', (d) => String(d).includes('READY') && ok());
      child.once('exit', (code) => fail(new Error(`engine exited ${code} before deploying: ${stderr}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    expect(await version(`${baseUrl}/health`)).toBe('1.3.0');
    const journal = readJournal(journalFile(outDir))!;
    const staging = journal.environments.staging!;
    expect(staging).toMatchObject({ activeVersion: '1.3.0', previousVersion: '1.2.0', baselineVersion: '1.2.0' });
    const flagFile = staging.flags['new-endpoint']!.file;
    expect(await readFlagPercent(flagFile, 'new-endpoint')).toBe(100);

    // The old instance died too: the rollback must start it again from the journal.
    const old = staging.instances['1.2.0']!;
    await stopProcessGroup(old.pid, 2_000);
    expect(isAlive(old.pid)).toBe(false);

    const result = await rollbackRun({ run: outDir, logger: silentLogger() });
    expect(result.environments).toHaveLength(1);
    const [env] = result.environments;
    expect(env).toMatchObject({ environment: 'staging', ok: true, restoredVersion: '1.2.0', weights: { '1.2.0': 100 }, error: null });
    expect(env!.flags).toEqual([{ name: 'new-endpoint', previous: 100, current: 0 }]);
    expect(env!.actions.some((a) => a.startsWith('restarted 1.2.0'))).toBe(true);
    expect(await version(`${baseUrl}/health`)).toBe('1.2.0');
    expect(await readFlagPercent(flagFile, 'new-endpoint')).toBe(0);
    expect(readJournal(journalFile(outDir))!.environments.staging).toMatchObject({ activeVersion: '1.2.0', previousVersion: '1.3.0' });
  });

  it('explains a run without a journal', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sre-no-journal-'));
    await expect(rollbackRun({ run: 'missing-run', baseDir: empty, logger: silentLogger() })).rejects.toThrow(/no run journal found for missing-run/);
  });
});

/**
 * The README's main command, end to end: `npm run demo` on the bundled example (real processes, proxy, flags,
 * rollback drill, webhook receiver), then the same with the faulty switch on.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../../src/paths.js';

const run = promisify(execFile);
const WORK = packagePath('out', 'demo');

async function demo(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [packagePath('scripts', 'demo.mjs'), ...args], { cwd: packagePath(), timeout: 240_000, env: { ...process.env, SRE_LOG_LEVEL: 'warn' } });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '' };
  }
}

describe('npm run demo', { timeout: 300_000 }, () => {
  it('delivers v1.3.0 with the flag at 0 %, a verified rollback, docs that match the run and one announcement', async () => {
    const { code, stdout } = await demo([]);
    const report = JSON.parse(readFileSync(join(WORK, 'run', 'report.json'), 'utf8'));
    expect(report.blockingReasons, stdout).toEqual([]);
    expect(code).toBe(0);
    expect(report.status).toBe('delivered');
    expect(report.deploy.strategy.type).toBe('feature_flag');
    expect(report.deploy.strategy.currentState).toMatch(/^0% \(new-endpoint=False\)/);
    expect(report.release.deployedVersion.version).toBe('1.3.0');
    expect(report.rollback.plan.filter((p: { tested: boolean }) => p.tested).length).toBeGreaterThan(0);

    const ledger = readFileSync(join(WORK, 'run', 'ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const okTool = (id: string) => ledger.find((e: { id: string }) => e.id === id);
    for (const key of ['deploy_strategy', 'smoke_tests', 'backup', 'rollback_plan', 'documentation', 'team_communicated']) {
      const item = report.checklist[key];
      expect(item.done, key).toBe(true);
      for (const id of item.evidence) expect(okTool(id)?.ok, `${key} cites ${id}`).toBe(true);
    }
    const received = JSON.parse(readFileSync(join(WORK, 'run', 'webhook-received.json'), 'utf8'));
    expect(received).toHaveLength(1);
    const changelog = readFileSync(join(WORK, 'CHANGELOG.md'), 'utf8');
    expect(changelog.match(/## \[1\.3\.0\]/g)).toHaveLength(1);
    expect(changelog).toContain('new-endpoint');
    const deployDoc = readFileSync(join(WORK, 'docs', 'DEPLOY.md'), 'utf8');
    expect(deployDoc).toContain('1.3.0');
    const verify = ledger.find((e: { tool: string; ok: boolean }) => e.tool === 'rollback_verify' && e.ok);
    expect(verify.output.verified).toBe(true);
    expect(existsSync(join(WORK, 'run', 'sre-handoff.json'))).toBe(true);
  });

  it('blocks with the faulty switch on, before production, and says why', async () => {
    const { code } = await demo(['--faulty']);
    const report = JSON.parse(readFileSync(join(WORK, 'run', 'report.json'), 'utf8'));
    expect(code).toBe(2);
    expect(report.status).toBe('blocked');
    expect(report.blockingReasons[0]).toMatch(/staging smoke tests failed \(GET \/api\/\S+: \d+\/20 answered 2xx; failures: 500/);
    expect(report.deploy.environments.production.done).toBe(false);
    const ledger = readFileSync(join(WORK, 'run', 'ledger.jsonl'), 'utf8');
    expect(ledger).not.toMatch(/"tool":"deploy_execute","input":\{"environment":"production"/);
  });
});

describe('sre-agent run interrupted', { timeout: 300_000 }, () => {
  it('stops the processes it started when it gets SIGTERM mid-deploy, and still writes a blocked report saying why', async () => {
    await demo([]); // prepares out/demo (a working copy with history) and leaves nothing running
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [packagePath('bin', 'sre-agent.js'), 'run', '--handoff', 'qa-handoff.yaml', '--config', 'sre.yaml', '--out', 'interrupted'], {
      cwd: WORK,
      stdio: 'ignore',
      env: { ...process.env, SRE_LOG_LEVEL: 'warn' },
    });
    const journalFile = join(WORK, 'interrupted', 'journal.json');
    // Wait until the run has started processes in staging (the journal records their pids), then interrupt it.
    const started = Date.now();
    while (!existsSync(journalFile) || !/"pid"/.test(readFileSync(journalFile, 'utf8'))) {
      if (Date.now() - started > 60_000) throw new Error('the run never started a process');
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    const journal = readFileSync(journalFile, 'utf8');
    const pids = [...journal.matchAll(/"pid":\s*(\d+)/g)].map((m) => Number(m[1]));
    expect(pids.length).toBeGreaterThan(0);
    const alive = pids.filter((pid) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
    const report = JSON.parse(readFileSync(join(WORK, 'interrupted', 'report.json'), 'utf8'));
    expect(report.status).toBe('blocked');
    expect(report.blockingReasons.join('\n')).toMatch(/run interrupted \(interrupted by SIGTERM\)/);
  });
});

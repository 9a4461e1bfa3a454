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

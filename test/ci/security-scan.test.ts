import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SreConfigInput } from '../../schemas/config.js';
import { securityScanTool } from '../../tools/ci/security-scan.js';
import { MINIMAL_CONFIG, makeToolContext } from '../helpers/tool-context.js';

const fixtures = join(import.meta.dirname, '../fixtures');
let project: string;
const contexts: ReturnType<typeof makeToolContext>[] = [];

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), 'sec-project-'));
  cpSync(join(fixtures, 'ci-project'), project, { recursive: true });
  cpSync(join(fixtures, 'security'), join(project, 'reports'), { recursive: true });
});
afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.runtime.close();
  rmSync(project, { recursive: true, force: true });
});

function context(security: NonNullable<SreConfigInput['commands']>['security'], waivers: { id: string; reason: string }[] = []) {
  const ctx = makeToolContext({ config: { ...MINIMAL_CONFIG, commands: { security }, ci: { securityWaivers: waivers } }, configDir: project });
  contexts.push(ctx);
  return ctx;
}

describe('ci_security_scan', () => {
  it('runs the scanner; its exit 1 on findings is a result, and the high advisory fails the gate', async () => {
    const out = await securityScanTool.handler({}, context({ run: ['node', 'fake-scanner.mjs', 'reports/npm-audit-v2-via-mixed-string-object.json'] }));
    expect(out).toMatchObject({ source: 'command', format: 'npm-audit', exitCode: 1, counts: { critical: 0, high: 1, medium: 1, low: 0 }, total: 2, gatePassed: false });
    expect(out.findings[0]).toMatchObject({ id: 'GHSA-9vvw-cc9w-f27h', severity: 'high' }); // most severe first
    expect(out.reasons).toEqual(['high GHSA-9vvw-cc9w-f27h in debug: debug Inefficient Regular Expression Complexity vulnerability']);
    expect(securityScanTool.output.parse(out)).toBeTruthy();
  });

  it('passes the gate when the high finding is waived, listing the waiver and its reason', async () => {
    const out = await securityScanTool.handler(
      {},
      context({ run: ['node', 'fake-scanner.mjs', 'reports/npm-audit-v2-via-mixed-string-object.json'] }, [
        { id: 'GHSA-9vvw-cc9w-f27h', reason: 'debug is a dev-only dependency' },
        { id: 'GHSA-dead-beef-0000', reason: 'old' },
      ]),
    );
    expect(out.gatePassed).toBe(true);
    expect(out.counts.high).toBe(1); // still counted: waived is not absent
    expect(out.waived).toEqual([{ id: 'GHSA-9vvw-cc9w-f27h', reason: 'debug is a dev-only dependency', severity: 'high', package: 'debug' }]);
    expect(out.unusedWaivers).toEqual(['GHSA-dead-beef-0000']);
  });

  it('reads a report file from the config (bandit: medium and low only, so the gate passes)', async () => {
    const out = await securityScanTool.handler({}, context({ report: 'reports/bandit-3-findings-windows-paths.json' }));
    expect(out).toMatchObject({ source: 'file', format: 'bandit', command: null, counts: { critical: 0, high: 0, medium: 2, low: 1 }, total: 3, gatePassed: true });
  });

  it('reads a report given in the input, relative to the repository', async () => {
    const out = await securityScanTool.handler({ report: 'reports/pip-audit-many-vulns-skip-reason.json' }, context(undefined));
    expect(out).toMatchObject({ source: 'file', format: 'pip-audit', counts: { high: 7 }, total: 7, gatePassed: false });
    expect(out.findings.at(-1)).toMatchObject({ id: 'skipped:azure-devops', severity: 'info' });
  });

  it('reads the report file the command wrote when both run and report are configured', async () => {
    const out = await securityScanTool.handler(
      {},
      context({ run: ['node', '-e', "require('fs').copyFileSync('reports/issue-DefectDojo-10801.npm-audit.json', 'reports/out.json')"], report: 'reports/out.json' }),
    );
    expect(out).toMatchObject({ source: 'command', exitCode: 0, counts: { medium: 1, high: 0 }, gatePassed: true });
    expect(out.warnings[0]).toContain('metadata.vulnerabilities disagrees');
  });

  it('a scanner that is not installed fails, naming it and suggesting a report file', async () => {
    await expect(securityScanTool.handler({}, context({ run: ['pip-audit-not-installed-xyz', '-f', 'json'] }))).rejects.toThrow(
      /^security scanner pip-audit-not-installed-xyz is not installed \(or not on PATH\); install it, or point commands\.security\.report/,
    );
  });

  it('a scanner that prints no report fails with its error output', async () => {
    await expect(securityScanTool.handler({}, context({ run: ['node', '-e', 'console.error("registry unreachable"); process.exit(2)'] }))).rejects.toThrow(
      /exited with 2 and printed no JSON report on stdout: registry unreachable/,
    );
  });

  it('nothing configured and no input report is an error saying what to add', async () => {
    await expect(securityScanTool.handler({}, context(undefined))).rejects.toThrow(/^no security scanner configured: add commands\.security to sre\.yaml/);
  });
});

describe('ci_security_scan with a report file the command should write', () => {
  it('refuses a report the command did not rewrite (an older scan)', async () => {
    await expect(
      securityScanTool.handler({}, context({ run: ['node', '-e', 'process.exit(1)'], report: 'reports/npm-audit-v2-via-mixed-string-object.json' })),
    ).rejects.toThrow(/exited with 1 but did not rewrite .*npm-audit-v2-via-mixed-string-object\.json \(unchanged since before it ran\)/);
  });
});

import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QaHandoff, type QaHandoffInput } from '../../schemas/qa-handoff.js';
import { qaHandoffVerifyTool } from '../../tools/ci/qa-handoff-verify.js';
import { makeToolContext } from '../helpers/tool-context.js';

const fixtures = join(import.meta.dirname, '../fixtures');
let dir: string;
const contexts: ReturnType<typeof makeToolContext>[] = [];

beforeEach(() => {
  // A handoff directory as step 6 leaves it: the handoff and its artifacts side by side.
  dir = mkdtempSync(join(tmpdir(), 'qa-handoff-'));
  mkdirSync(join(dir, 'artifacts'));
  copyFileSync(join(fixtures, 'junit/jest-junit-dorny.xml'), join(dir, 'artifacts/jest.xml'));
  copyFileSync(join(fixtures, 'junit/surefire-email-errors-unicode.xml'), join(dir, 'artifacts/surefire.xml'));
  copyFileSync(join(fixtures, 'coverage/lcov-coveralls-u64-hits.info'), join(dir, 'artifacts/lcov.info'));
  copyFileSync(join(fixtures, 'coverage/coveragepy-6.5-branch.json'), join(dir, 'artifacts/coverage.json'));
  copyFileSync(join(fixtures, 'security/bandit-3-findings-windows-paths.json'), join(dir, 'artifacts/bandit.json'));
});
afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.runtime.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A handoff whose claims match the artifacts above (jest + surefire, coveralls lcov, bandit), with `change` applied. */
function handoff(change: (h: QaHandoffInput) => void = () => {}) {
  const input: QaHandoffInput = {
    release: { version: '1.3.0', commit: 'a1b2c3d', branch: 'main', previousVersion: '1.2.0' },
    qa: { verdict: 'approved', reasons: ['all acceptance criteria met'] },
    claims: {
      tests: { passed: 3, failed: 11, skipped: 1, total: 15 },
      coverage: { lines: 98.23 },
      security: { critical: 0, high: 0, medium: 2, low: 1 },
    },
    artifacts: { junit: ['artifacts/jest.xml', 'artifacts/surefire.xml'], coverage: 'artifacts/lcov.info', security: 'artifacts/bandit.json' },
  };
  change(input);
  const ctx = makeToolContext({ handoff: { data: QaHandoff.parse(input), file: join(dir, 'qa-handoff.yaml'), dir } });
  contexts.push(ctx);
  return ctx;
}

describe('qa_handoff_verify', () => {
  it('is consistent when every claim matches the artifacts, and reports what it measured', async () => {
    const out = await qaHandoffVerifyTool.handler({}, handoff());
    expect(out.verdict).toBe('approved');
    expect(out.findings.filter((f) => f.severity === 'blocker')).toEqual([]);
    expect(out.consistent).toBe(true);
    expect(out.measured).toEqual({
      tests: { total: 15, passed: 3, failed: 6, errors: 5, skipped: 1 },
      coverage: { lines: 98.23, format: 'lcov' },
      security: { critical: 0, high: 0, medium: 2, low: 1 },
    });
    expect(out.artifacts.map((a) => a.status)).toEqual(['read', 'read', 'read', 'read']);
    // Consistent, yet worth saying: QA approved with 11 failing/errored cases and coverage warnings.
    expect(out.findings).toContainEqual(expect.objectContaining({ severity: 'warning', field: 'measured.tests', measured: 11 }));
    expect(qaHandoffVerifyTool.output.parse(out)).toBeTruthy();
  });

  it('flags each claim that differs from the artifacts as a blocker, with claimed and measured', async () => {
    const out = await qaHandoffVerifyTool.handler(
      {},
      handoff((h) => {
        h.claims.tests = { passed: 15, failed: 0, skipped: 0, total: 15 };
        h.claims.coverage = { lines: 98.2 };
        h.claims.security = { critical: 0, high: 0, medium: 0, low: 0 };
      }),
    );
    expect(out.consistent).toBe(false);
    const blockers = out.findings.filter((f) => f.severity === 'blocker').map((f) => [f.field, f.claimed, f.measured]);
    expect(blockers).toEqual([
      ['claims.tests.passed', 15, 3],
      ['claims.tests.failed', 0, 11],
      ['claims.tests.skipped', 0, 1],
      ['claims.coverage.lines', 98.2, 98.23],
      ['claims.security.medium', 0, 2],
      ['claims.security.low', 0, 1],
    ]);
    expect(out.findings.find((f) => f.field === 'claims.tests.failed')?.message).toContain('(6 failed + 5 errored)');
    expect(out.findings.find((f) => f.field === 'claims.coverage.lines')?.message).toContain('tolerance 0.01 point');
  });

  it('accepts a coverage claim within 0.01 point and rejects one just outside', async () => {
    expect((await qaHandoffVerifyTool.handler({}, handoff((h) => (h.claims.coverage = { lines: 98.24 })))).consistent).toBe(true);
    expect((await qaHandoffVerifyTool.handler({}, handoff((h) => (h.claims.coverage = { lines: 98.25 })))).consistent).toBe(false);
  });

  it('explains a coverage.py claim that quoted the combined statements+branches figure', async () => {
    const out = await qaHandoffVerifyTool.handler(
      {},
      handoff((h) => {
        h.artifacts!.coverage = 'artifacts/coverage.json';
        h.claims.coverage = { lines: 58.33 };
      }),
    );
    const finding = out.findings.find((f) => f.field === 'claims.coverage.lines');
    expect(finding).toMatchObject({ severity: 'blocker', claimed: 58.33, measured: 64.29 });
    expect(finding?.message).toContain("the tool's combined statements+branches figure");
  });

  it('turns a missing artifact into a blocker finding instead of crashing', async () => {
    const out = await qaHandoffVerifyTool.handler({}, handoff((h) => (h.artifacts!.coverage = 'artifacts/missing-lcov.info')));
    expect(out.consistent).toBe(false);
    expect(out.measured.coverage).toBeNull();
    expect(out.measured.tests).not.toBeNull();
    expect(out.artifacts).toContainEqual({ kind: 'coverage', path: join(dir, 'artifacts/missing-lcov.info'), status: 'missing' });
    expect(out.findings).toContainEqual(
      expect.objectContaining({ severity: 'blocker', field: 'artifacts.coverage', message: expect.stringContaining('missing-lcov.info: expected a readable file, but it does not exist') }),
    );
  });

  it('turns a malformed JUnit artifact into a blocker naming the file and line', async () => {
    copyFileSync(join(fixtures, 'coverage/lcov-istanbul-branches.info'), join(dir, 'artifacts/jest.xml'));
    const out = await qaHandoffVerifyTool.handler({}, handoff());
    expect(out.measured.tests).toBeNull();
    expect(out.artifacts).toContainEqual({ kind: 'junit', path: join(dir, 'artifacts/jest.xml'), status: 'unreadable' });
    expect(out.findings.find((f) => f.field === 'artifacts.junit')?.message).toMatch(/jest\.xml:1:1: malformed XML: text outside the root element/);
  });

  it('treats an artifact the handoff does not name as unverified', async () => {
    const out = await qaHandoffVerifyTool.handler({}, handoff((h) => delete h.artifacts!.security));
    expect(out.consistent).toBe(false);
    expect(out.measured.security).toBeNull();
    expect(out.findings).toContainEqual(expect.objectContaining({ severity: 'blocker', field: 'artifacts.security' }));
  });

  it('copies a rejected verdict and lists QA\'s reasons as a blocker, while claims can still be consistent', async () => {
    const out = await qaHandoffVerifyTool.handler({}, handoff((h) => (h.qa = { verdict: 'rejected', reasons: ['checkout flow broken on Safari', 'p95 regression'] })));
    expect(out.verdict).toBe('rejected');
    expect(out.consistent).toBe(true);
    expect(out.findings[0]).toEqual({
      severity: 'blocker',
      field: 'qa.verdict',
      claimed: 'rejected',
      measured: null,
      message: 'QA rejected this release: checkout flow broken on Safari; p95 regression',
    });
  });

  it('fails when the run has no handoff', async () => {
    const ctx = makeToolContext();
    contexts.push(ctx);
    await expect(qaHandoffVerifyTool.handler({}, ctx)).rejects.toThrow(/^this run has no QA handoff/);
  });
});

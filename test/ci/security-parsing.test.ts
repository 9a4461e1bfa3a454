import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyWaivers } from '../../tools/ci/security/apply-waivers.js';
import { parseSecurityReport, readSecurityReport } from '../../tools/ci/security/read-security-report.js';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/security', name);

function thrown(fn: () => unknown): Error & { context?: { file?: string; line?: number } } {
  try {
    fn();
  } catch (error) {
    return error as Error & { context?: { file?: string; line?: number } };
  }
  throw new Error('expected an error, none was thrown');
}

describe('security reports normalised to findings and counts', () => {
  it('npm audit v2 with via mixing advisory objects and a bare string: one finding per advisory, at its own severity', () => {
    const r = readSecurityReport(fixture('npm-audit-v2-via-mixed-string-object.json'));
    expect(r.format).toBe('npm-audit');
    expect(r.findings).toEqual([
      { id: 'GHSA-gxpj-cx7g-858c', package: 'debug', severity: 'medium', title: 'Regular Expression Denial of Service in debug', cwe: 'CWE-400' },
      { id: 'GHSA-9vvw-cc9w-f27h', package: 'debug', severity: 'high', title: 'debug Inefficient Regular Expression Complexity vulnerability', cwe: 'CWE-1333' },
    ]);
    expect(r.counts).toEqual({ critical: 0, high: 1, medium: 1, low: 0, info: 0 });
  });

  it('npm audit with "cwe": [] does not crash, and counts from the entries when metadata says otherwise (DefectDojo #10801)', () => {
    const r = readSecurityReport(fixture('issue-DefectDojo-10801.npm-audit.json'));
    expect(r.findings).toEqual([{ id: 'GHSA-pfrx-2q88-qq97', package: 'got', severity: 'medium', title: 'Got allows a redirect to a UNIX socket' }]);
    expect(r.counts).toMatchObject({ high: 0, medium: 1 });
    expect(r.warnings).toEqual([expect.stringContaining('metadata.vulnerabilities disagrees with the vulnerable packages (high: metadata 1, entries 0')]);
  });

  it('bandit with Windows paths and per-file metrics before _totals: 3 findings from results', () => {
    const r = readSecurityReport(fixture('bandit-3-findings-windows-paths.json'));
    expect(r.format).toBe('bandit');
    expect(r.findings.map((f) => [f.id, f.severity, f.cwe, f.file, f.line])).toEqual([
      ['B105', 'low', 'CWE-259', './app.py', 6],
      ['B608', 'medium', 'CWE-89', './app.py', 15],
      ['B104', 'medium', 'CWE-605', './app.py', 21],
    ]);
    expect(r.counts).toEqual({ critical: 0, high: 0, medium: 2, low: 1, info: 0 });
  });

  it('pip-audit: 7 vulnerabilities counted as high (no severity given), the skipped package kept as info', () => {
    const r = readSecurityReport(fixture('pip-audit-many-vulns-skip-reason.json'));
    expect(r.format).toBe('pip-audit');
    expect(r.counts).toEqual({ critical: 0, high: 7, medium: 0, low: 0, info: 1 });
    expect(r.findings.find((f) => f.severity === 'info')).toMatchObject({ id: 'skipped:azure-devops', title: expect.stringContaining('Dependency not found on PyPI') });
    expect(r.findings.find((f) => f.id === 'PYSEC-2021-852')?.title).toMatch(/lxml@4\.6\.4: .*\(no fixed version\)$/);
  });

  it('pip-audit legacy bare-array output is read too', () => {
    const r = parseSecurityReport('[{"name": "flask", "version": "0.5", "vulns": [{"id": "PYSEC-2019-179", "fix_versions": ["1.0"], "aliases": ["CVE-2019-1010083"]}]}]', 'legacy.json');
    expect(r.findings).toEqual([expect.objectContaining({ id: 'PYSEC-2019-179', aliases: ['CVE-2019-1010083'], package: 'flask@0.5', severity: 'high' })]);
  });

  it('an npm audit error object is a failed scan, not an empty report', () => {
    const text = '{"error": {"code": "ENOLOCK", "summary": "This command requires an existing lockfile."}}';
    expect(thrown(() => parseSecurityReport(text, 'npm audit')).message).toBe('npm audit: the scanner reported an error instead of a report: ENOLOCK: This command requires an existing lockfile.');
  });

  it('unknown JSON lists the known formats; npm 6 output says to use npm 7+', () => {
    expect(thrown(() => parseSecurityReport('{"issues": []}', 'x.json')).message).toMatch(/known formats: npm-audit, bandit, pip-audit/);
    expect(thrown(() => parseSecurityReport('{"advisories": {}, "metadata": {}}', 'old.json')).message).toMatch(/npm 6 "advisories" output/);
  });

  it('malformed JSON names the line', () => {
    const error = thrown(() => parseSecurityReport('{\n  "results": [\n    {"test_id": "B105",}\n  ]\n}', 'bandit.json'));
    expect(error.message).toMatch(/^bandit\.json:3:\d+: security report is not valid JSON/);
  });
});

describe('waivers', () => {
  it('a waiver by id or alias removes a high finding from the gate; an unused waiver is reported', () => {
    const r = readSecurityReport(fixture('npm-audit-v2-via-mixed-string-object.json'));
    const outcome = applyWaivers(r.findings, [
      { id: 'ghsa-9vvw-cc9w-f27h', reason: 'debug only in dev tooling' },
      { id: 'GHSA-0000-0000-0000', reason: 'stale' },
    ]);
    expect(outcome.blocking).toEqual([]);
    expect(outcome.waived).toEqual([{ id: 'GHSA-9vvw-cc9w-f27h', reason: 'debug only in dev tooling', severity: 'high', package: 'debug' }]);
    expect(outcome.unusedWaivers).toEqual(['GHSA-0000-0000-0000']);
    const legacy = parseSecurityReport('[{"name": "flask", "version": "0.5", "vulns": [{"id": "PYSEC-2019-179", "aliases": ["CVE-2019-1010083"]}]}]', 'l.json');
    expect(applyWaivers(legacy.findings, [{ id: 'CVE-2019-1010083', reason: 'not reachable' }]).blocking).toEqual([]);
  });

  it('without waivers the high finding blocks', () => {
    const r = readSecurityReport(fixture('npm-audit-v2-via-mixed-string-object.json'));
    expect(applyWaivers(r.findings, []).blocking.map((f) => f.id)).toEqual(['GHSA-9vvw-cc9w-f27h']);
  });
});

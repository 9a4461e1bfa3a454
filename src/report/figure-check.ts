/** Report figures (tests, coverage, vulnerabilities, versions) must equal what the cited tools measured. */
import type { LedgerView } from '../../tools/tool.js';
import type { QaHandoff } from '../../schemas/qa-handoff.js';
import type { SreConfig } from '../../schemas/config.js';
import type { Report } from '../../schemas/report.js';

type Obj = Record<string, unknown>;

const asObj = (v: unknown): Obj | null => (v !== null && typeof v === 'object' ? (v as Obj) : null);

/** Measured tests {passed, failed, skipped, total} from a ci_run_tests or qa_handoff_verify output. */
export function measuredTests(tool: string, output: unknown): { passed: number; failed: number; skipped: number; total: number } | null {
  const o = asObj(output);
  const t = asObj(tool === 'ci_run_tests' ? o?.tests : asObj(o?.measured)?.tests);
  if (!t) return null;
  return { passed: Number(t.passed), failed: Number(t.failed ?? 0) + Number(t.errors ?? 0), skipped: Number(t.skipped ?? 0), total: Number(t.total) };
}

/** Measured line coverage percent. */
export function measuredCoverage(tool: string, output: unknown): number | null {
  const o = asObj(output);
  const c = asObj(tool === 'ci_run_tests' ? o?.coverage : asObj(o?.measured)?.coverage);
  return c && typeof c.lines === 'number' ? c.lines : null;
}

/** Measured vulnerability counts. */
export function measuredSecurity(tool: string, output: unknown): { critical: number; high: number; medium: number; low: number } | null {
  const o = asObj(output);
  const c = asObj(tool === 'ci_security_scan' ? o?.counts : asObj(o?.measured)?.security);
  if (!c) return null;
  return { critical: Number(c.critical ?? 0), high: Number(c.high ?? 0), medium: Number(c.medium ?? 0), low: Number(c.low ?? 0) };
}

function cited(ids: readonly string[], tools: string[], ledger: LedgerView) {
  return ids.map((id) => ledger.all().find((e) => e.id === id)).filter((e) => e && e.ok && tools.includes(e.tool));
}

/** Every figure in the report that differs from the ledger, described. */
export function checkFigures(report: Report, ledger: LedgerView, handoff: QaHandoff | null, config: SreConfig): string[] {
  const problems: string[] = [];
  const { tests, coverage, security } = report.pipeline;
  if (tests) {
    const entries = cited(tests.evidence, ['ci_run_tests', 'qa_handoff_verify'], ledger);
    if (entries.length === 0) problems.push(`pipeline.tests cites ${tests.evidence.join(', ')}, none of which is a successful test measurement`);
    for (const e of entries) {
      const m = measuredTests(e!.tool, e!.output);
      if (!m) problems.push(`pipeline.tests cites ${e!.id}, which measured no tests`);
      else if (m.passed !== tests.passed || m.total !== tests.total || m.failed !== tests.failed || m.skipped !== tests.skipped)
        problems.push(
          `pipeline.tests says ${tests.passed}/${tests.total} passed (${tests.failed} failed, ${tests.skipped} skipped) but ${e!.id} (${e!.tool}) measured ${m.passed}/${m.total} (${m.failed} failed, ${m.skipped} skipped)`,
        );
    }
  }
  if (coverage) {
    const entries = cited(coverage.evidence, ['ci_run_tests', 'qa_handoff_verify'], ledger);
    if (entries.length === 0) problems.push(`pipeline.coverage cites ${coverage.evidence.join(', ')}, none of which is a successful coverage measurement`);
    for (const e of entries) {
      const m = measuredCoverage(e!.tool, e!.output);
      if (m === null) problems.push(`pipeline.coverage cites ${e!.id}, which measured no coverage`);
      else if (Math.abs(m - coverage.lines) > 0.01) problems.push(`pipeline.coverage says ${coverage.lines}% but ${e!.id} (${e!.tool}) measured ${m}%`);
    }
    if (coverage.threshold !== config.thresholds.coverage) problems.push(`pipeline.coverage.threshold says ${coverage.threshold}% but sre.yaml sets ${config.thresholds.coverage}%`);
    if (coverage.passed !== coverage.lines >= config.thresholds.coverage) problems.push(`pipeline.coverage.passed is ${coverage.passed} but ${coverage.lines}% vs threshold ${config.thresholds.coverage}% says otherwise`);
  }
  if (security) {
    const entries = cited(security.evidence, ['ci_security_scan', 'qa_handoff_verify'], ledger);
    if (entries.length === 0) problems.push(`pipeline.security cites ${security.evidence.join(', ')}, none of which is a successful security scan`);
    for (const e of entries) {
      const m = measuredSecurity(e!.tool, e!.output);
      const c = security.counts;
      if (!m) problems.push(`pipeline.security cites ${e!.id}, which measured no vulnerabilities`);
      else if (m.critical !== c.critical || m.high !== c.high || m.medium !== c.medium || m.low !== c.low)
        problems.push(`pipeline.security says critical ${c.critical}/high ${c.high}/medium ${c.medium}/low ${c.low} but ${e!.id} measured ${m.critical}/${m.high}/${m.medium}/${m.low}`);
    }
    const sum = security.counts.critical + security.counts.high + security.counts.medium + security.counts.low;
    if (security.total !== sum) problems.push(`pipeline.security.total says ${security.total} but the counts add up to ${sum}`);
  }
  if (handoff) {
    if (report.release.version !== handoff.release.version) problems.push(`release.version says ${report.release.version} but the QA handoff ships ${handoff.release.version}`);
    if (report.release.commit !== handoff.release.commit) problems.push(`release.commit says ${report.release.commit} but the QA handoff names ${handoff.release.commit}`);
  }
  const deployed = report.release.deployedVersion;
  if (deployed) {
    const entries = cited(deployed.evidence, ['deploy_execute'], ledger);
    if (entries.length === 0) problems.push(`release.deployedVersion cites ${deployed.evidence.join(', ')}, none of which is a successful deploy`);
    for (const e of entries) {
      const v = asObj(e!.output)?.version;
      if (v !== deployed.version) problems.push(`release.deployedVersion says ${deployed.version} but ${e!.id} deployed ${String(v)}`);
    }
  }
  return problems;
}

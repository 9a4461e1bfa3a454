/**
 * `qa_handoff_verify`: measure the artifacts the QA handoff names (JUnit, coverage, security report) and
 * compare them with QA's claims. A missing or unreadable artifact is a blocker finding, never a crash.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { SeverityCounts } from '../../schemas/common.js';
import type { QaHandoff } from '../../schemas/qa-handoff.js';
import { ToolFailure } from '../../src/errors.js';
import { defineTool } from '../tool.js';
import { readCoverage } from './coverage/read-coverage.js';
import { readJunitFiles } from './junit/read-junit-files.js';
import { TestCounts } from './junit/junit-result.js';
import { PIP_AUDIT_SEVERITY_NOTE } from './security/parse-pip-audit.js';
import { readSecurityReport } from './security/read-security-report.js';

/** Claimed and measured coverage may differ by rounding: at most this many percentage points. */
export const COVERAGE_TOLERANCE_PCT = 0.01;
const MAX_PARSER_WARNINGS = 5;

const Scalar = z.union([z.number(), z.string(), z.boolean(), z.null()]);
const Finding = z.object({
  severity: z.enum(['blocker', 'warning']),
  field: z.string().describe('Handoff field concerned, e.g. claims.tests.failed or artifacts.coverage'),
  claimed: Scalar,
  measured: Scalar,
  message: z.string(),
});
type Finding = z.infer<typeof Finding>;

const Artifact = z.object({
  kind: z.enum(['junit', 'coverage', 'security']),
  path: z.string().nullable().describe('Absolute path read, or null when the handoff names none'),
  status: z.enum(['read', 'missing', 'unreadable', 'not named']),
});
type Artifact = z.infer<typeof Artifact>;

const Measured = z.object({
  tests: TestCounts.nullable(),
  coverage: z.object({ lines: z.number().describe('Line coverage percent, 2 decimals'), format: z.string() }).nullable(),
  security: SeverityCounts.nullable(),
});
type Measured = z.infer<typeof Measured>;

export const qaHandoffVerifyTool = defineTool({
  name: 'qa_handoff_verify',
  title: 'Verify the QA handoff against its artifacts',
  description:
    'Call this first. Reads the artifacts the QA handoff names (JUnit XML, coverage report, security report; paths relative to the handoff), ' +
    'measures tests, line coverage and vulnerabilities from them, and compares each with what QA claims. ' +
    `Coverage must match within ${COVERAGE_TOLERANCE_PCT} percentage point; QA's "failed" is compared with failed + errored test cases. ` +
    'Returns verdict (QA\'s own), consistent (true only when every claim matches and no artifact is missing), ' +
    'findings (blockers and warnings, each with claimed vs measured) and the measured figures. Deploy only when verdict is approved and consistent is true.',
  input: z.object({}),
  output: z.object({
    verdict: z.enum(['approved', 'rejected']).describe("QA's verdict, copied from the handoff"),
    consistent: z.boolean(),
    findings: z.array(Finding),
    measured: Measured,
    artifacts: z.array(Artifact),
    release: z.object({ version: z.string(), commit: z.string() }),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  handler: async (_input, ctx) => {
    if (!ctx.handoff) {
      throw new ToolFailure('this run has no QA handoff: start the run with --handoff <qa-handoff.yaml|json> (the file step 6 wrote)', { tool: 'qa_handoff_verify' });
    }
    const { data, dir } = ctx.handoff;
    const findings: Finding[] = [];
    const artifacts: Artifact[] = [];
    const measured: Measured = {
      tests: measureTests(data, dir, findings, artifacts),
      coverage: measureCoverage(data, dir, findings, artifacts),
      security: measureSecurity(data, dir, findings, artifacts),
    };
    if (data.qa.verdict === 'rejected') {
      findings.unshift({
        severity: 'blocker',
        field: 'qa.verdict',
        claimed: 'rejected',
        measured: null,
        message: `QA rejected this release: ${data.qa.reasons.length > 0 ? data.qa.reasons.join('; ') : 'no reason given'}`,
      });
    }
    addWarnings(measured, ctx.config.thresholds.coverage, findings);
    const consistent = !findings.some((f) => f.severity === 'blocker' && f.field !== 'qa.verdict');
    return {
      verdict: data.qa.verdict,
      consistent,
      findings,
      measured,
      artifacts,
      release: { version: data.release.version, commit: data.release.commit },
    };
  },
});

/** Record a missing/unreadable artifact as a blocker; rethrow anything that is not a ToolFailure (a bug). */
function artifactProblem(error: unknown, kind: Artifact['kind'], path: string, field: string, findings: Finding[], artifacts: Artifact[]): null {
  if (!(error instanceof ToolFailure)) throw error;
  const missing = /does not exist/.test(error.message);
  artifacts.push({ kind, path, status: missing ? 'missing' : 'unreadable' });
  findings.push({ severity: 'blocker', field, claimed: null, measured: null, message: `${kind} artifact cannot be used, so its claims are unverified: ${error.message}` });
  return null;
}

function notNamed(kind: Artifact['kind'], field: string, claim: string, findings: Finding[], artifacts: Artifact[]): null {
  artifacts.push({ kind, path: null, status: 'not named' });
  findings.push({ severity: 'blocker', field, claimed: null, measured: null, message: `the handoff names no ${kind} artifact (${field}), so ${claim} cannot be verified` });
  return null;
}

function compare(field: string, claimed: number, measured: number, findings: Finding[], extra = ''): void {
  if (claimed !== measured) findings.push({ severity: 'blocker', field, claimed, measured, message: `QA claims ${field} = ${claimed}, the artifacts measure ${measured}${extra}` });
}

function measureTests(data: QaHandoff, dir: string, findings: Finding[], artifacts: Artifact[]): Measured['tests'] {
  const names = data.artifacts.junit;
  if (names.length === 0) return notNamed('junit', 'artifacts.junit', 'claims.tests', findings, artifacts);
  const files = names.map((name) => resolve(dir, name));
  let result;
  try {
    result = readJunitFiles(files);
  } catch (error) {
    const bad = files.find((f) => (error as { context?: { file?: string } }).context?.file === f) ?? files.join(', ');
    return artifactProblem(error, 'junit', bad, 'artifacts.junit', findings, artifacts);
  }
  for (const file of files) artifacts.push({ kind: 'junit', path: file, status: 'read' });
  const t = result.tests;
  const claim = data.claims.tests;
  compare('claims.tests.total', claim.total, t.total, findings);
  compare('claims.tests.passed', claim.passed, t.passed, findings);
  compare('claims.tests.failed', claim.failed, t.failed + t.errors, findings, t.errors > 0 ? ` (${t.failed} failed + ${t.errors} errored)` : '');
  compare('claims.tests.skipped', claim.skipped, t.skipped, findings);
  for (const warning of result.warnings.slice(0, MAX_PARSER_WARNINGS)) {
    findings.push({ severity: 'warning', field: 'artifacts.junit', claimed: null, measured: null, message: warning });
  }
  return t;
}

function measureCoverage(data: QaHandoff, dir: string, findings: Finding[], artifacts: Artifact[]): Measured['coverage'] {
  const name = data.artifacts.coverage;
  if (!name) return notNamed('coverage', 'artifacts.coverage', 'claims.coverage.lines', findings, artifacts);
  const file = resolve(dir, name);
  let result;
  try {
    result = readCoverage(file, data.artifacts.coverageFormat);
  } catch (error) {
    return artifactProblem(error, 'coverage', file, 'artifacts.coverage', findings, artifacts);
  }
  artifacts.push({ kind: 'coverage', path: file, status: 'read' });
  const claimed = data.claims.coverage.lines;
  if (result.lines.pct === null) {
    findings.push({ severity: 'blocker', field: 'claims.coverage.lines', claimed, measured: null, message: `${file} measures no instrumented lines, so the coverage claim cannot hold` });
    return null;
  }
  const measured = result.lines.pct;
  // 1e-9 absorbs binary floating point noise (83.34 - 83.33 is 0.010000000000005116).
  if (Math.abs(claimed - measured) > COVERAGE_TOLERANCE_PCT + 1e-9) {
    const headline = result.reportedPct != null && Math.abs(claimed - result.reportedPct) <= COVERAGE_TOLERANCE_PCT + 1e-9;
    findings.push({
      severity: 'blocker',
      field: 'claims.coverage.lines',
      claimed,
      measured,
      message:
        `QA claims ${claimed}% line coverage, ${result.format} report measures ${measured}% (${result.lines.covered}/${result.lines.total} lines; tolerance ${COVERAGE_TOLERANCE_PCT} point)` +
        (headline ? `; ${claimed}% is the tool's combined statements+branches figure, not line coverage` : ''),
    });
  }
  for (const warning of result.warnings.slice(0, MAX_PARSER_WARNINGS)) {
    findings.push({ severity: 'warning', field: 'artifacts.coverage', claimed: null, measured: null, message: warning });
  }
  return { lines: measured, format: result.format };
}

function measureSecurity(data: QaHandoff, dir: string, findings: Finding[], artifacts: Artifact[]): Measured['security'] {
  const name = data.artifacts.security;
  if (!name) return notNamed('security', 'artifacts.security', 'claims.security', findings, artifacts);
  const file = resolve(dir, name);
  let result;
  try {
    result = readSecurityReport(file, data.artifacts.securityFormat);
  } catch (error) {
    return artifactProblem(error, 'security', file, 'artifacts.security', findings, artifacts);
  }
  artifacts.push({ kind: 'security', path: file, status: 'read' });
  const { critical, high, medium, low } = result.counts;
  const assumed = result.findings.some((f) => f.note === PIP_AUDIT_SEVERITY_NOTE) ? ` (${PIP_AUDIT_SEVERITY_NOTE})` : '';
  for (const level of ['critical', 'high', 'medium', 'low'] as const) {
    compare(`claims.security.${level}`, data.claims.security[level], result.counts[level], findings, level === 'high' ? assumed : '');
  }
  return { critical, high, medium, low };
}

/** Consistent but worrying: QA approved with failing tests, low coverage or serious vulnerabilities. */
function addWarnings(measured: Measured, threshold: number, findings: Finding[]): void {
  const t = measured.tests;
  if (t && t.failed + t.errors > 0) {
    findings.push({ severity: 'warning', field: 'measured.tests', claimed: null, measured: t.failed + t.errors, message: `${t.failed + t.errors} test case(s) failed or errored in the QA artifacts` });
  }
  if (t && t.total === 0) findings.push({ severity: 'warning', field: 'measured.tests', claimed: null, measured: 0, message: 'the JUnit artifacts hold no test cases' });
  if (measured.coverage && measured.coverage.lines < threshold) {
    findings.push({ severity: 'warning', field: 'measured.coverage', claimed: null, measured: measured.coverage.lines, message: `line coverage ${measured.coverage.lines}% is below the ${threshold}% threshold` });
  }
  const s = measured.security;
  if (s && s.critical + s.high > 0) {
    findings.push({ severity: 'warning', field: 'measured.security', claimed: null, measured: s.critical + s.high, message: `${s.critical} critical and ${s.high} high vulnerabilities in the QA security report` });
  }
}

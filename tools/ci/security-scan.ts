/**
 * `ci_security_scan`: run the configured scanner (npm audit, bandit, pip-audit) or read its JSON report,
 * normalise the findings and apply the security gate: no critical or high finding unless waived in sre.yaml.
 * Scanners exit non-zero when they find something; that is a result, not a failure of the scan.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { SecurityFormat, SeverityCounts } from '../../schemas/common.js';
import { DEFAULTS } from '../../src/constants.js';
import { TimeoutError, ToolFailure } from '../../src/errors.js';
import { runCommand } from '../shared/run-command.js';
import { defineTool, type ToolContext } from '../tool.js';
import { applyWaivers } from './security/apply-waivers.js';
import { parseSecurityReport, readSecurityReport } from './security/read-security-report.js';
import { SecurityFinding, type SecurityResult } from './security/security-result.js';

// Reports of big monorepos run to megabytes; the JSON must arrive whole to be parsed.
const MAX_REPORT_CHARS = 64 * 1024 * 1024;

export const securityScanTool = defineTool({
  name: 'ci_security_scan',
  title: 'Scan dependencies and code for vulnerabilities',
  description:
    'Runs the security scanner configured in sre.yaml (commands.security.run, e.g. ["npm","audit","--json"], ["bandit","-r",".","-f","json"], ["pip-audit","-f","json"]) ' +
    'or reads a JSON report (input.report, relative to the repository, or commands.security.report). Formats: npm audit v2, bandit, pip-audit (detected from content). ' +
    'Returns counts by severity, findings, waived findings (ci.securityWaivers in sre.yaml, with reasons) and gatePassed: true only when no critical or high finding is left unwaived. ' +
    'pip-audit gives no severities: its vulnerabilities count as high until waived.',
  input: z.object({
    report: z.string().optional().describe('A scanner JSON report to read instead of running the scanner, relative to the repository'),
  }),
  output: z.object({
    source: z.enum(['command', 'file']),
    format: SecurityFormat,
    command: z.array(z.string()).nullable(),
    exitCode: z.number().int().nullable(),
    report: z.string().nullable().describe('Report file read, when one was'),
    counts: SeverityCounts,
    total: z.number().int().nonnegative().describe('critical + high + medium + low (info findings, e.g. packages not audited, are listed but not counted)'),
    findings: z.array(SecurityFinding).describe('Most severe first, capped'),
    findingsOmitted: z.number().int().nonnegative(),
    waived: z.array(z.object({ id: z.string(), reason: z.string(), severity: z.string(), package: z.string().optional() })),
    unusedWaivers: z.array(z.string()).describe('Waiver ids in sre.yaml that matched no finding'),
    gatePassed: z.boolean(),
    reasons: z.array(z.string()),
    warnings: z.array(z.string()),
  }),
  annotations: { readOnly: true, destructive: false, idempotent: true },
  handler: async (input, ctx) => {
    const scanned = await scan(input.report, ctx);
    const { result } = scanned;
    const { critical, high, medium, low } = result.counts;
    const outcome = applyWaivers(result.findings, ctx.config.ci.securityWaivers);
    const reasons = outcome.blocking.slice(0, 10).map((f) => `${f.severity} ${f.id}${f.package ? ` in ${f.package}` : ''}: ${f.title}`);
    if (outcome.blocking.length > 10) reasons.push(`… and ${outcome.blocking.length - 10} more critical/high findings`);
    const order = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
    const sorted = [...result.findings].sort((a, b) => order[a.severity] - order[b.severity]);
    const max = DEFAULTS.maxListedSecurityFindings;
    return {
      source: scanned.source,
      format: result.format,
      command: scanned.command,
      exitCode: scanned.exitCode,
      report: scanned.report,
      counts: { critical, high, medium, low },
      total: critical + high + medium + low,
      findings: sorted.slice(0, max),
      findingsOmitted: Math.max(0, sorted.length - max),
      waived: outcome.waived,
      unusedWaivers: outcome.unusedWaivers,
      gatePassed: outcome.blocking.length === 0,
      reasons,
      warnings: result.warnings,
    };
  },
});

interface Scanned {
  source: 'command' | 'file';
  command: string[] | null;
  exitCode: number | null;
  report: string | null;
  result: SecurityResult;
}

/** Decide where the report comes from: input.report, else the configured command, else the configured report file. */
async function scan(inputReport: string | undefined, ctx: ToolContext): Promise<Scanned> {
  const security = ctx.config.commands.security;
  if (inputReport) {
    const file = resolve(ctx.repoDir, inputReport);
    return { source: 'file', command: null, exitCode: null, report: file, result: readSecurityReport(file, security?.format) };
  }
  if (security?.run) {
    const argv = security.run;
    const reportFile = security.report ? resolve(ctx.configDir, security.report) : null;
    const before = reportFile ? modifiedAt(reportFile) : null;
    const run = await runCommand(argv, {
      cwd: resolve(ctx.configDir, security.cwd ?? '.'),
      timeoutMs: security.timeoutMs ?? ctx.config.limits.commandTimeoutMs,
      env: security.env,
      signal: ctx.signal,
      maxOutputChars: MAX_REPORT_CHARS,
    });
    const shown = argv.join(' ');
    if (run.notFound) {
      throw new ToolFailure(
        `security scanner ${argv[0]} is not installed (or not on PATH); install it, or point commands.security.report in sre.yaml (or the report input) at a JSON report it wrote, e.g. npm audit --json > audit.json`,
        { command: shown, field: 'commands.security.run' },
      );
    }
    if (run.timedOut) throw new TimeoutError(`security scanner "${shown}" did not finish within its timeout and was killed`, { command: shown });
    if (reportFile) {
      // A report the command did not rewrite describes an older scan: refuse it rather than trust it.
      if (before !== null && modifiedAt(reportFile) === before) {
        throw new ToolFailure(`security scanner "${shown}" exited with ${run.exitCode} but did not rewrite ${reportFile} (unchanged since before it ran): ${run.stderr.slice(-500) || 'no error output'}`, {
          command: shown,
          file: reportFile,
        });
      }
      return { source: 'command', command: argv, exitCode: run.exitCode, report: reportFile, result: readSecurityReport(reportFile, security.format) };
    }
    if (run.stdout.trim() === '') {
      throw new ToolFailure(`security scanner "${shown}" exited with ${run.exitCode} and printed no JSON report on stdout: ${run.stderr.slice(-500) || 'no error output'}`, {
        command: shown,
      });
    }
    return { source: 'command', command: argv, exitCode: run.exitCode, report: null, result: parseSecurityReport(run.stdout, `output of "${shown}"`, security.format) };
  }
  if (security?.report) {
    const file = resolve(ctx.configDir, security.report);
    return { source: 'file', command: null, exitCode: null, report: file, result: readSecurityReport(file, security.format) };
  }
  throw new ToolFailure(
    'no security scanner configured: add commands.security to sre.yaml with run (e.g. ["npm", "audit", "--json"]) or report (a scanner JSON report), or pass the report input',
    { field: 'commands.security' },
  );
}

function modifiedAt(file: string): number | null {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

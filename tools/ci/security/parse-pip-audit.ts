/**
 * pip-audit `-f json` (current `{"dependencies": [...]}` and legacy bare-array forms).
 * pip-audit gives no severity. Every vulnerability is counted as HIGH on purpose (fail closed): a known,
 * unrated vulnerability must not pass a "no critical/high" gate silently; waive it by id with a reason.
 * Dependencies with a `skip_reason` were not audited: they become `info` findings so they stay visible.
 */
import { ToolFailure } from '../../../src/errors.js';
import { isRecord } from '../coverage/report-file.js';
import { countBySeverity, type SecurityFinding, type SecurityResult } from './security-result.js';

export const PIP_AUDIT_SEVERITY_NOTE = 'pip-audit reports no severity; counted as high (fail closed)';

/** Parse an already-decoded pip-audit JSON report. */
export function parsePipAudit(data: unknown, file: string): SecurityResult {
  const dependencies = Array.isArray(data) ? data : isRecord(data) ? data.dependencies : undefined;
  if (!Array.isArray(dependencies)) throw new ToolFailure(`${file}: expected pip-audit JSON with a "dependencies" array`, { file, field: 'dependencies' });
  const findings: SecurityFinding[] = [];
  const warnings: string[] = [];
  dependencies.forEach((dep, index) => {
    if (!isRecord(dep) || typeof dep.name !== 'string') throw new ToolFailure(`${file}: expected dependencies[${index}] to have a name`, { file, field: `dependencies.${index}` });
    const pkg = typeof dep.version === 'string' ? `${dep.name}@${dep.version}` : dep.name;
    if (typeof dep.skip_reason === 'string') {
      findings.push({ id: `skipped:${dep.name}`, package: dep.name, severity: 'info', title: `not audited: ${dep.skip_reason}` });
      return;
    }
    const vulns = Array.isArray(dep.vulns) ? dep.vulns : [];
    for (const vuln of vulns) {
      if (!isRecord(vuln) || typeof vuln.id !== 'string') {
        warnings.push(`${file}: dependencies[${index}] (${dep.name}) has a vulnerability without an id; skipped`);
        continue;
      }
      const aliases = Array.isArray(vuln.aliases) ? vuln.aliases.filter((a): a is string => typeof a === 'string') : [];
      const fixes = Array.isArray(vuln.fix_versions) ? vuln.fix_versions.filter((v): v is string => typeof v === 'string') : [];
      const description = typeof vuln.description === 'string' ? vuln.description : '';
      findings.push({
        id: vuln.id,
        ...(aliases.length > 0 ? { aliases } : {}),
        package: pkg,
        severity: 'high',
        title: `${pkg}: ${firstSentence(description) || vuln.id}${fixes.length > 0 ? ` (fixed in ${fixes.join(', ')})` : ' (no fixed version)'}`,
        note: PIP_AUDIT_SEVERITY_NOTE,
      });
    }
  });
  return { format: 'pip-audit', findings, counts: countBySeverity(findings), warnings };
}

function firstSentence(text: string): string {
  const sentence = text.split(/(?<=\.)\s/)[0] ?? '';
  return sentence.length > 160 ? `${sentence.slice(0, 159)}…` : sentence;
}

/**
 * `npm audit --json` from npm ≥ 7 (auditReportVersion 2).
 * One finding per advisory object in `via` (deduplicated by its GHSA id/URL), with the advisory's own
 * severity: a package's severity is only the max of its advisories. `via` strings ("ms") name another
 * vulnerable package and add nothing of their own, unless that package is not in the report, in which case
 * the package is reported at its stated severity so nothing is silently dropped.
 * `metadata.vulnerabilities` is ignored for counting: it can disagree with the entries (DefectDojo #10801).
 */
import { ToolFailure } from '../../../src/errors.js';
import { isRecord } from '../coverage/report-file.js';
import { countBySeverity, normaliseSeverity, type SecurityFinding, type SecurityResult } from './security-result.js';

/** Parse an already-decoded npm audit v2 report. */
export function parseNpmAudit(data: unknown, file: string): SecurityResult {
  if (!isRecord(data)) throw new ToolFailure(`${file}: expected an npm audit JSON object`, { file });
  if (data.auditReportVersion !== 2 || !isRecord(data.vulnerabilities)) {
    const v1 = isRecord(data.advisories) ? ' (this looks like npm 6 "advisories" output; run npm audit --json with npm 7 or later)' : '';
    throw new ToolFailure(`${file}: expected npm audit JSON with auditReportVersion 2 and a "vulnerabilities" object${v1}`, { file, field: 'auditReportVersion' });
  }
  const vulnerabilities = data.vulnerabilities;
  const findings: SecurityFinding[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const [name, entry] of Object.entries(vulnerabilities)) {
    if (!isRecord(entry)) throw new ToolFailure(`${file}: expected vulnerabilities.${name} to be an object`, { file, field: `vulnerabilities.${name}` });
    const via = Array.isArray(entry.via) ? entry.via : [];
    let advisories = 0;
    let unresolved = false;
    for (const item of via) {
      if (typeof item === 'string') {
        if (!(item in vulnerabilities)) unresolved = true;
        continue;
      }
      if (!isRecord(item)) continue;
      advisories += 1;
      const id = advisoryId(item);
      if (seen.has(id)) continue;
      seen.add(id);
      const severity = normaliseSeverity(item.severity);
      if (!severity) warnings.push(`${file}: advisory ${id} has an unknown severity ${JSON.stringify(item.severity)}; counted as high`);
      const cwe = Array.isArray(item.cwe) ? item.cwe.find((c): c is string => typeof c === 'string') : undefined;
      findings.push({
        id,
        package: typeof item.name === 'string' ? item.name : name,
        severity: severity ?? 'high',
        title: typeof item.title === 'string' ? item.title : id,
        ...(cwe ? { cwe } : {}),
      });
    }
    if (advisories === 0 && (unresolved || via.length === 0)) {
      const severity = normaliseSeverity(entry.severity) ?? 'high';
      findings.push({ id: `npm:${name}`, package: name, severity, title: `${name} is vulnerable through ${via.filter((v) => typeof v === 'string').join(', ') || 'an unnamed dependency'}` });
    }
  }
  const mismatch = metadataMismatch(data.metadata, vulnerabilities);
  if (mismatch) warnings.push(`${file}: ${mismatch}; counted the advisories in "vulnerabilities"`);
  return { format: 'npm-audit', findings, counts: countBySeverity(findings), warnings };
}

/** metadata.vulnerabilities counts packages by their severity; say where it disagrees with the entries. */
function metadataMismatch(metadata: unknown, vulnerabilities: Record<string, unknown>): string | null {
  const declared = isRecord(metadata) && isRecord(metadata.vulnerabilities) ? metadata.vulnerabilities : null;
  if (!declared) return null;
  const actual: Record<string, number> = {};
  for (const entry of Object.values(vulnerabilities)) {
    const severity = isRecord(entry) && typeof entry.severity === 'string' ? entry.severity : 'unknown';
    actual[severity] = (actual[severity] ?? 0) + 1;
  }
  const diffs = ['critical', 'high', 'moderate', 'low', 'info']
    .filter((s) => typeof declared[s] === 'number' && declared[s] !== (actual[s] ?? 0))
    .map((s) => `${s}: metadata ${String(declared[s])}, entries ${actual[s] ?? 0}`);
  return diffs.length > 0 ? `metadata.vulnerabilities disagrees with the vulnerable packages (${diffs.join('; ')})` : null;
}

/** GHSA id from the advisory URL, else the numeric source, else the title. */
function advisoryId(item: Record<string, unknown>): string {
  const url = typeof item.url === 'string' ? item.url : '';
  const ghsa = /GHSA(-[23456789cfghjmpqrvwx]{4}){3}/i.exec(url);
  if (ghsa) return ghsa[0];
  if (typeof item.source === 'number' || typeof item.source === 'string') return `npm:${item.source}`;
  return typeof item.title === 'string' ? item.title : 'npm:unknown';
}

/**
 * bandit `-f json`. One finding per entry in `results`, id = the test id (B105) so a waiver can name a rule.
 * Findings come from `results`, not from `metrics._totals` (per-file metric keys come first and vary).
 * Windows paths (".\\app.py") are kept as written, with forward slashes.
 */
import { ToolFailure } from '../../../src/errors.js';
import { isRecord } from '../coverage/report-file.js';
import { countBySeverity, normaliseSeverity, type SecurityFinding, type SecurityResult } from './security-result.js';

/** Parse an already-decoded bandit JSON report. */
export function parseBandit(data: unknown, file: string): SecurityResult {
  if (!isRecord(data) || !Array.isArray(data.results)) throw new ToolFailure(`${file}: expected bandit JSON with a "results" array`, { file, field: 'results' });
  const warnings: string[] = [];
  const findings: SecurityFinding[] = data.results.map((item, index) => {
    if (!isRecord(item) || typeof item.test_id !== 'string') {
      throw new ToolFailure(`${file}: expected results[${index}] to be a bandit issue with a test_id`, { file, field: `results.${index}` });
    }
    const severity = normaliseSeverity(item.issue_severity);
    if (!severity) warnings.push(`${file}: results[${index}] (${item.test_id}) has severity ${JSON.stringify(item.issue_severity)}; counted as high`);
    const cweId = isRecord(item.issue_cwe) ? item.issue_cwe.id : undefined;
    const path = typeof item.filename === 'string' ? item.filename.replace(/\\/g, '/') : undefined;
    return {
      id: item.test_id,
      severity: severity ?? 'high',
      title: typeof item.issue_text === 'string' ? item.issue_text : String(item.test_name ?? item.test_id),
      ...(path ? { file: path } : {}),
      ...(typeof item.line_number === 'number' ? { line: item.line_number } : {}),
      ...(typeof cweId === 'number' || typeof cweId === 'string' ? { cwe: `CWE-${cweId}` } : {}),
      ...(typeof item.issue_confidence === 'string' ? { note: `confidence ${item.issue_confidence.toLowerCase()}` } : {}),
    };
  });
  if (Array.isArray(data.errors) && data.errors.length > 0) warnings.push(`${file}: bandit reported ${data.errors.length} error(s) scanning files; those files were not checked`);
  return { format: 'bandit', findings, counts: countBySeverity(findings), warnings };
}

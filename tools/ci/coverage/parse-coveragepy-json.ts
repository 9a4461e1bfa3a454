/**
 * coverage.py JSON (`coverage json`, `pytest --cov-report=json`).
 * lines = totals.covered_lines / totals.num_statements: statement (line) coverage, which is what
 * coverage.py 7.x itself publishes as `percent_statements_covered`. We do NOT use `percent_covered` as the
 * line figure: with branch coverage on it is a combined (statements + branches) ratio, so it can sit on
 * the other side of a line-coverage threshold. It is kept as `reportedPct` so a reader can tell them apart.
 */
import { ToolFailure } from '../../../src/errors.js';
import { counter, type CoverageResult } from './coverage-result.js';
import { isRecord } from './report-file.js';

/** Parse an already-decoded coverage.py JSON report. */
export function parseCoveragePyJson(data: unknown, file: string): CoverageResult {
  const totals = isRecord(data) ? data.totals : undefined;
  if (!isRecord(data) || !isRecord(totals)) throw new ToolFailure(`${file}: expected a coverage.py JSON report with a "totals" object`, { file, field: 'totals' });
  const count = (key: string): number => {
    const value = totals[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new ToolFailure(`${file}: expected totals.${key} to be a non-negative integer, found ${JSON.stringify(value)}`, { file, field: `totals.${key}` });
    }
    return value;
  };
  const lines = counter(count('covered_lines'), count('num_statements'));
  const hasBranches = typeof totals.num_branches === 'number';
  const warnings: string[] = [];
  const stated = totals.percent_statements_covered;
  if (typeof stated === 'number' && lines.pct !== null && Math.abs(stated - lines.pct) > 0.01) {
    warnings.push(`${file}: totals.percent_statements_covered=${stated} disagrees with covered_lines/num_statements = ${lines.pct}%; used the counts`);
  }
  return {
    format: 'coveragepy-json',
    lines,
    ...(hasBranches ? { branches: counter(count('covered_branches'), count('num_branches')) } : {}),
    reportedPct: typeof totals.percent_covered === 'number' ? Math.round(totals.percent_covered * 100) / 100 : null,
    files: isRecord(data.files) ? Object.keys(data.files).length : 0,
    warnings,
  };
}

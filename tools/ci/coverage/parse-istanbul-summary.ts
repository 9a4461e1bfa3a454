/**
 * Istanbul/nyc/c8/vitest `coverage-summary.json` (the json-summary reporter).
 * Line coverage is `total.lines`, as Istanbul reports it: its own `pct` when it is a number (Istanbul
 * rounds to 2 decimals), computed from covered/total when `pct` is the string "Unknown" (0 of 0).
 */
import { ToolFailure } from '../../../src/errors.js';
import { counter, type CoverageCounter, type CoverageResult } from './coverage-result.js';
import { isRecord } from './report-file.js';

/** Parse an already-decoded Istanbul coverage summary. */
export function parseIstanbulSummary(data: unknown, file: string): CoverageResult {
  const total = isRecord(data) ? data.total : undefined;
  if (!isRecord(data) || !isRecord(total)) throw new ToolFailure(`${file}: expected an Istanbul coverage-summary.json with a "total" object`, { file, field: 'total' });
  const metric = (key: string, required: boolean): CoverageCounter | undefined => {
    const m = total[key];
    if (m === undefined && !required) return undefined;
    if (!isRecord(m) || typeof m.covered !== 'number' || typeof m.total !== 'number' || m.covered < 0 || m.total < m.covered) {
      throw new ToolFailure(`${file}: expected total.${key} to be {covered, total, pct} with 0 ≤ covered ≤ total, found ${JSON.stringify(m)}`, { file, field: `total.${key}` });
    }
    const computed = counter(m.covered, m.total);
    // "Unknown" (newer istanbul, 0/0) or a missing pct: fall back to the counts.
    return typeof m.pct === 'number' && m.total > 0 ? { ...computed, pct: m.pct } : computed;
  };
  const branches = metric('branches', false);
  const functions = metric('functions', false);
  return {
    format: 'istanbul-summary',
    lines: metric('lines', true)!,
    ...(branches ? { branches } : {}),
    ...(functions ? { functions } : {}),
    files: Object.keys(data).filter((k) => k !== 'total').length,
    warnings: [],
  };
}

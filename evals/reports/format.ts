/** Small formatting helpers shared by the report writers. */

/** 0.857 → "0.86"; null → "–". */
export const fmtScore = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : v.toFixed(2));

/** 0.857 → "86%". */
export const fmtPercent = (v: number): string => `${Math.round(v * 100)}%`;

/** The graded score names in a stable order. */
export const SCORE_COLUMNS = ['decision', 'strategy', 'trajectory', 'completeness', 'budget', 'judge'];

/** Score names present in the result, in column order. */
export function scoreNames(scoreMaps: Array<Record<string, number | null>>): string[] {
  const present = new Set(scoreMaps.flatMap((m) => Object.keys(m)));
  return [...SCORE_COLUMNS.filter((n) => present.has(n)), ...[...present].filter((n) => !SCORE_COLUMNS.includes(n)).sort()];
}

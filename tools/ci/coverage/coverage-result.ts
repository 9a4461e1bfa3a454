/** The shape of a measured coverage report, whatever tool wrote it. */
import { z } from 'zod';
import { CoverageFormat } from '../../../schemas/common.js';

export const CoverageCounter = z.object({
  covered: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  pct: z.number().min(0).max(100).nullable().describe('Percent, 2 decimals; null when there is nothing to measure (total 0)'),
});
export type CoverageCounter = z.infer<typeof CoverageCounter>;

export const CoverageResult = z.object({
  format: CoverageFormat,
  lines: CoverageCounter.describe('Line coverage, as the producing tool counts lines (see parse-*.ts)'),
  branches: CoverageCounter.optional(),
  functions: CoverageCounter.optional(),
  /** The tool's own headline percent when it differs in meaning from lines.pct (coverage.py: statements + branches). */
  reportedPct: z.number().nullable().optional(),
  files: z.number().int().nonnegative(),
  warnings: z.array(z.string()),
});
export type CoverageResult = z.infer<typeof CoverageResult>;

/** Percent rounded to 2 decimals, or null for 0/0. */
export function percent(covered: number, total: number): number | null {
  if (total <= 0) return null;
  return Math.round((covered / total) * 10_000) / 100;
}

/** A counter from raw counts. */
export function counter(covered: number, total: number): CoverageCounter {
  return { covered, total, pct: percent(covered, total) };
}

/** A pipeline finding: one rule broken at one line, with how to fix it. Shared by validation and generation. */
import { z } from 'zod';

export const FindingSeverity = z.enum(['high', 'medium', 'low']);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

export const PipelineFinding = z.object({
  rule: z.string().describe('Rule id, e.g. unpinned-action, template-injection, schema'),
  severity: FindingSeverity,
  /** File the finding is about (relative to the repository). */
  file: z.string(),
  /** 1-based line, or null when the finding is about the file as a whole. */
  line: z.number().int().positive().nullable(),
  message: z.string(),
  fix: z.string(),
});
export type PipelineFinding = z.infer<typeof PipelineFinding>;

export const SeverityCounts = z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int() });
export type SeverityCounts = z.infer<typeof SeverityCounts>;

/** A finding before it is tied to a file. */
export type RuleFinding = Omit<PipelineFinding, 'file'>;

/** Count findings by severity. */
export function countBySeverity(findings: readonly { severity: FindingSeverity }[]): SeverityCounts {
  const counts = { high: 0, medium: 0, low: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

const ORDER: Record<FindingSeverity, number> = { high: 0, medium: 1, low: 2 };

/** Highest severity first, then by line. */
export function sortFindings<T extends { severity: FindingSeverity; line: number | null }>(findings: T[]): T[] {
  return findings.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.line ?? 0) - (b.line ?? 0));
}

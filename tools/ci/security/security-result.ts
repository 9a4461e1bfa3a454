/** The normalised shape of a security scanner's report, whatever scanner wrote it. */
import { z } from 'zod';
import { SecurityFormat, Severity, SeverityCounts } from '../../../schemas/common.js';

export const SecurityFinding = z.object({
  id: z.string().describe('Advisory or rule id (GHSA-…, PYSEC-…, B105); what a waiver names'),
  aliases: z.array(z.string()).optional().describe('Other ids of the same advisory (CVE-…), also matched by waivers'),
  package: z.string().optional(),
  severity: Severity,
  title: z.string(),
  file: z.string().optional(),
  line: z.number().int().optional(),
  cwe: z.string().optional().describe('First CWE, as CWE-<n>'),
  note: z.string().optional().describe('How the severity was decided when the scanner gives none'),
});
export type SecurityFinding = z.infer<typeof SecurityFinding>;

export const SecurityResult = z.object({
  format: SecurityFormat,
  findings: z.array(SecurityFinding),
  counts: SeverityCounts.extend({ info: z.number().int().nonnegative() }),
  warnings: z.array(z.string()),
});
export type SecurityResult = z.infer<typeof SecurityResult>;

/** Count findings by severity (computed from the findings, never copied from a report's own summary). */
export function countBySeverity(findings: readonly SecurityFinding[]): SecurityResult['counts'] {
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** Map a scanner's severity word to ours (npm "moderate" is our "medium"); unknown words return null. */
export function normaliseSeverity(word: unknown): SecurityFinding['severity'] | null {
  const w = typeof word === 'string' ? word.trim().toLowerCase() : '';
  if (w === 'critical') return 'critical';
  if (w === 'high') return 'high';
  if (w === 'moderate' || w === 'medium') return 'medium';
  if (w === 'low') return 'low';
  if (w === 'info' || w === 'informational' || w === 'none' || w === 'undefined') return 'info';
  return null;
}

/** Small shared zod types used by several contracts. */
import { z } from 'zod';

/** Semantic version, with or without a leading "v" (normalised away). */
export const Semver = z
  .string()
  .regex(/^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, 'expected a semantic version such as 1.3.0 or v1.3.0')
  .transform((v) => v.replace(/^v/, ''));

/** A command as an argument array, never a shell string. */
export const Argv = z.array(z.string().min(1)).min(1).describe('Command as an argument array, e.g. ["npx", "vitest", "run"]');

/** Evidence ids cited from the ledger. */
export const EvidenceIds = z.array(z.string().regex(/^E\d{3,}$/, 'expected a ledger id such as E007'));

export const Severity = z.enum(['critical', 'high', 'medium', 'low', 'info']);
export type Severity = z.infer<typeof Severity>;

export const SeverityCounts = z.object({
  critical: z.number().int().nonnegative().default(0),
  high: z.number().int().nonnegative().default(0),
  medium: z.number().int().nonnegative().default(0),
  low: z.number().int().nonnegative().default(0),
});
export type SeverityCounts = z.infer<typeof SeverityCounts>;

export const CoverageFormat = z.enum(['lcov', 'cobertura', 'coveragepy-json', 'istanbul-summary']);
export type CoverageFormat = z.infer<typeof CoverageFormat>;

export const SecurityFormat = z.enum(['npm-audit', 'bandit', 'pip-audit']);
export type SecurityFormat = z.infer<typeof SecurityFormat>;

export const Strategy = z.enum(['feature_flag', 'blue_green', 'canary']);
export type Strategy = z.infer<typeof Strategy>;

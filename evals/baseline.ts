/**
 * The baseline: graded scores per provider and scenario (the playbook's, committed as evals/baseline.json).
 * A later run fails when any score it shares with the baseline is lower.
 */
import { readFileSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { UserError } from '../src/errors.js';
import type { EvalResult } from './harness.js';

export const Baseline = z.object({
  note: z.string().optional(),
  providers: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.number().min(0).max(1).nullable()))),
});
export type Baseline = z.infer<typeof Baseline>;

/** Scores within this of the baseline are equal (float noise in means). */
const TOLERANCE = 1e-6;

export function readBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read baseline ${file}: ${(error as Error).message}`, { file });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserError(`baseline ${file} is not valid JSON: ${(error as Error).message}`, { file });
  }
  const parsed = Baseline.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`baseline ${file}: field ${issue.path.join('.') || '(root)'}: ${issue.message}`, { file, field: issue.path.join('.') });
  }
  return parsed.data;
}

/** Every score that dropped below the baseline, described (scenarios or providers not run are skipped). */
export function compareToBaseline(result: EvalResult, baseline: Baseline): string[] {
  const drops: string[] = [];
  for (const c of result.cases) {
    const expected = baseline.providers[c.provider]?.[c.scenario];
    if (!expected) continue;
    for (const [name, base] of Object.entries(expected)) {
      if (base === null) continue;
      const now = c.scores[name];
      if (now === undefined || now === null) drops.push(`${c.provider} / ${c.scenario}: ${name} was ${base.toFixed(2)}, now not scored`);
      else if (now < base - TOLERANCE) drops.push(`${c.provider} / ${c.scenario}: ${name} dropped from ${base.toFixed(2)} to ${now.toFixed(2)}`);
    }
  }
  return drops;
}

/** The baseline with this result's providers' scores replacing theirs (other providers are kept). */
export function updatedBaseline(result: EvalResult, previous: Baseline | null): Baseline {
  const providers = { ...(previous?.providers ?? {}) };
  for (const p of result.providers) providers[p.provider] = {};
  for (const c of result.cases) providers[c.provider]![c.scenario] = { ...c.scores };
  return { note: 'Graded scores per provider and scenario; `sre-agent eval --baseline` fails when one drops. Regenerate with --update-baseline.', providers };
}

export function writeBaseline(file: string, baseline: Baseline): void {
  writeFileAtomic.sync(file, `${JSON.stringify(baseline, null, 2)}\n`);
}

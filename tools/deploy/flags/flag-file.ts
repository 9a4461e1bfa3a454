/**
 * Percentage rollouts in an OpenFeature flagd flag-definition file.
 * 0 % → `defaultVariant: off`, no targeting; 100 % → `defaultVariant: on`; anything between →
 * `targeting: { fractional: [["on", P], ["off", 100 - P]] }`. With no bucketing expression flagd-core buckets
 * by `$flagd.flagKey + targetingKey`, so a user keeps the same answer while P grows (sticky per user).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { ToolFailure } from '../../../src/errors.js';

const FLAGD_SCHEMA = 'https://flagd.dev/schema/v0/flags.json';

interface FlagDefinition {
  state?: string;
  variants?: Record<string, unknown>;
  defaultVariant?: string;
  targeting?: Record<string, unknown>;
  [key: string]: unknown;
}

interface FlagDocument {
  flags: Record<string, FlagDefinition>;
  [key: string]: unknown;
}

/** Read and parse a flag file; null when it does not exist. */
function readDocument(file: string): FlagDocument | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ToolFailure(`cannot read flag file ${file}: ${(error as Error).message}`, { file });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ToolFailure(`flag file ${file} is not valid JSON: ${(error as Error).message}`, { file });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ToolFailure(`flag file ${file}: expected a JSON object with a "flags" field`, { file });
  }
  const doc = json as Record<string, unknown>;
  const flags = doc.flags ?? {};
  if (typeof flags !== 'object' || flags === null || Array.isArray(flags)) {
    throw new ToolFailure(`flag file ${file}: field "flags" must be an object of flag definitions`, { file, field: 'flags' });
  }
  return { ...doc, flags: flags as Record<string, FlagDefinition> };
}

/** Names of the variants whose value is `true` and `false` (a boolean flag needs both to express a percentage). */
function booleanVariants(file: string, flag: string, def: FlagDefinition): { on: string; off: string } {
  const variants = def.variants ?? {};
  const on = Object.keys(variants).find((k) => variants[k] === true);
  const off = Object.keys(variants).find((k) => variants[k] === false);
  if (!on || !off) {
    throw new ToolFailure(`flag ${flag} in ${file} is not a boolean on/off flag (variants: ${JSON.stringify(variants)})`, {
      file,
      field: `flags.${flag}.variants`,
    });
  }
  return { on, off };
}

/** The share of users (percent) a flag definition turns on. */
export function percentOf(file: string, flag: string, def: FlagDefinition): number {
  if (def.state === 'DISABLED') return 0;
  const { on } = booleanVariants(file, flag, def);
  const targeting = def.targeting;
  if (!targeting || Object.keys(targeting).length === 0) return def.defaultVariant === on ? 100 : 0;
  const fractional = targeting.fractional;
  if (Object.keys(targeting).length !== 1 || !Array.isArray(fractional)) {
    throw new ToolFailure(
      `flag ${flag} in ${file} has targeting that is not a plain percentage rollout (found: ${Object.keys(targeting).join(', ')}); edit it by hand`,
      { file, field: `flags.${flag}.targeting` },
    );
  }
  // The first element may be a bucketing expression (e.g. {"cat": [...]}) rather than a bucket.
  const buckets = fractional.filter((entry): entry is unknown[] => Array.isArray(entry));
  let total = 0;
  let onWeight = 0;
  for (const bucket of buckets) {
    const weight = bucket.length >= 2 && typeof bucket[1] === 'number' ? Math.max(0, bucket[1]) : 1;
    total += weight;
    if (bucket[0] === on) onWeight += weight;
  }
  if (total === 0) return def.defaultVariant === on ? 100 : 0;
  return Math.round((onWeight / total) * 10_000) / 100;
}

/** The percentage of users for whom `flag` is on in `file`; throws when the file or the flag is missing. */
export async function readFlagPercent(file: string, flag: string): Promise<number> {
  const doc = readDocument(file);
  if (!doc) throw new ToolFailure(`flag file ${file} does not exist`, { file });
  const def = doc.flags[flag];
  if (!def) {
    const known = Object.keys(doc.flags);
    throw new ToolFailure(`flag ${flag} is not defined in ${file} (defined: ${known.join(', ') || 'none'})`, { file, field: `flags.${flag}` });
  }
  return percentOf(file, flag, def);
}

/** The flag definition that turns `flag` on for `percent` % of users, keeping the variant names it had. */
export function definitionFor(percent: number, variants: { on: string; off: string }, base: FlagDefinition = {}): FlagDefinition {
  const { targeting: _old, ...rest } = base;
  const def: FlagDefinition = {
    ...rest,
    state: 'ENABLED',
    variants: { ...(base.variants ?? {}), [variants.on]: true, [variants.off]: false },
    defaultVariant: percent >= 100 ? variants.on : variants.off,
  };
  if (percent > 0 && percent < 100) def.targeting = { fractional: [[variants.on, percent], [variants.off, 100 - percent]] };
  return def;
}

/**
 * Set `flag` to `percent` % of users in `file` (atomic write; creates the file and the flag with variants on/off
 * when missing). Refuses to overwrite targeting it cannot express as a percentage.
 */
export async function setFlagPercent(file: string, flag: string, percent: number): Promise<{ previous: number; current: number }> {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) {
    throw new ToolFailure(`flag percentage must be an integer from 0 to 100, got ${percent}`, { file, field: 'percent' });
  }
  const doc: FlagDocument = readDocument(file) ?? { $schema: FLAGD_SCHEMA, flags: {} };
  const existing = doc.flags[flag];
  const previous = existing ? percentOf(file, flag, existing) : 0;
  const variants = existing ? booleanVariants(file, flag, existing) : { on: 'on', off: 'off' };
  doc.flags = { ...doc.flags, [flag]: definitionFor(percent, variants, existing) };
  mkdirSync(dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(doc, null, 2)}\n`);
  return { previous, current: percent };
}

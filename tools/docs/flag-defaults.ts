/** What each flag serves by default in production, read from the OpenFeature flagd flag-definition file named in sre.yaml. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ToolContext } from '../tool.js';

export interface FlagDefaults {
  /** The flag file as configured (production's when it has an {{environment}} placeholder). */
  file: string;
  /** flag key → default variant name, for flags defined in the file. */
  defaults: Map<string, string>;
  note: string | null;
}

/** Read production's flagd file; a missing or unreadable file is a note, not an error (the README still gets a row). */
export function readFlagDefaults(ctx: ToolContext): FlagDefaults {
  const file = ctx.config.flags.file.replace(/\{\{\s*environment\s*\}\}/g, 'production');
  const path = resolve(ctx.configDir, file);
  const defaults = new Map<string, string>();
  if (!existsSync(path)) return { file, defaults, note: `flag file ${file} not found: defaults assume new flags ship off` };
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { flags?: Record<string, { defaultVariant?: unknown }> };
    for (const [key, flag] of Object.entries(parsed.flags ?? {})) {
      if (typeof flag?.defaultVariant === 'string') defaults.set(key, flag.defaultVariant);
    }
    return { file, defaults, note: null };
  } catch (error) {
    return { file, defaults, note: `flag file ${file} is not valid JSON (${(error as Error).message}): defaults assume new flags ship off` };
  }
}

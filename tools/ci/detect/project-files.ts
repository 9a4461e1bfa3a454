/** Read-only access to a project directory for detection: existence, text, JSON with clear errors. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ToolFailure } from '../../../src/errors.js';

export class ProjectFiles {
  constructor(readonly dir: string) {}

  /** Does `rel` exist (file or directory)? */
  has(rel: string): boolean {
    return existsSync(join(this.dir, rel));
  }

  /** Text of `rel`, or null when absent or a directory. */
  text(rel: string): string | null {
    const file = join(this.dir, rel);
    if (!existsSync(file) || !statSync(file).isFile()) return null;
    return readFileSync(file, 'utf8');
  }

  /** Parsed JSON of `rel`, or null when absent; malformed JSON is a ToolFailure naming the file and the parser's complaint. */
  json(rel: string): Record<string, unknown> | null {
    const text = this.text(rel);
    if (text === null) return null;
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ToolFailure(`${rel} must hold a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value}`, { file: join(this.dir, rel) });
      }
      return value as Record<string, unknown>;
    } catch (error) {
      if (error instanceof ToolFailure) throw error;
      throw new ToolFailure(`${rel} is not valid JSON (${(error as Error).message}); npm and the detector cannot read it`, { file: join(this.dir, rel) });
    }
  }

  /** Names in the project's top directory. */
  entries(): string[] {
    return readdirSync(this.dir).sort();
  }

  /** First of `names` that exists. */
  first(names: readonly string[]): string | null {
    return names.find((name) => this.has(name)) ?? null;
  }
}

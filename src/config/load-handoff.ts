/** Load the QA handoff from a file, a directory holding it, or stdin ("-"). */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { QaHandoff } from '../../schemas/qa-handoff.js';
import { parseAndValidate, readTextFile } from './parse-document.js';

export const HANDOFF_NAMES = ['qa-handoff.yaml', 'qa-handoff.yml', 'qa-handoff.json', 'handoff.yaml', 'handoff.json'];

export interface LoadedHandoff {
  data: QaHandoff;
  file: string | null;
  /** Artifact paths in the handoff are relative to this directory. */
  dir: string;
}

/** Load and validate a QA handoff (JSON or YAML). */
export function loadHandoff(source: string, options: { cwd?: string; stdin?: () => string } = {}): LoadedHandoff {
  const cwd = resolve(options.cwd ?? process.cwd());
  if (source === '-') {
    const text = (options.stdin ?? (() => readFileSync(0, 'utf8')))();
    return { data: parseAndValidate(text, QaHandoff, { file: '<stdin>', what: 'QA handoff' }), file: null, dir: cwd };
  }
  let file = resolve(cwd, source);
  if (existsSync(file) && statSync(file).isDirectory()) {
    const found = HANDOFF_NAMES.map((n) => join(file, n)).find((f) => existsSync(f));
    if (!found) throw new UserError(`QA handoff directory ${file}: expected one of ${HANDOFF_NAMES.join(', ')} inside it`, { file });
    file = found;
  }
  const text = readTextFile(file, 'QA handoff');
  return { data: parseAndValidate(text, QaHandoff, { file, what: 'QA handoff' }), file, dir: dirname(file) };
}

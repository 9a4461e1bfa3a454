/**
 * Writes into the user's repository: show a unified diff, apply only when asked, atomically,
 * and never over a file that changed since it was read (or since we generated it) unless forced.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import writeFileAtomic from 'write-file-atomic';

export interface FileChange {
  /** Path relative to the repository. */
  path: string;
  changed: boolean;
  created: boolean;
  diff: string;
  applied: boolean;
  /** Why it was not applied (not asked, user edits, no change). */
  note: string | null;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const stateFile = (repoDir: string) => join(repoDir, '.sre-agent', 'generated.json');

function readState(repoDir: string): Record<string, string> {
  try {
    return JSON.parse(readFileSync(stateFile(repoDir), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/**
 * Plan (and when `apply`, perform) replacing `file` with `next`.
 * `mode: 'generated'` files are wholly ours: refuse when the user edited the last version we wrote.
 * `mode: 'edit'` files are the user's: we change them in place, refusing if they changed while we worked.
 */
export function changeFile(options: {
  repoDir: string;
  file: string;
  next: string | ((current: string | null) => string);
  apply: boolean;
  force?: boolean;
  mode: 'generated' | 'edit';
}): FileChange {
  const { repoDir, file } = options;
  const path = relative(repoDir, file) || file;
  const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
  const next = typeof options.next === 'function' ? options.next(current) : options.next;
  const diff = createTwoFilesPatch(`a/${path}`, `b/${path}`, current ?? '', next, undefined, undefined, { context: 3 });
  const base = { path, changed: current !== next, created: current === null, diff: current === next ? '' : diff };
  if (current === next) return { ...base, applied: false, note: 'already up to date' };
  if (!options.apply) return { ...base, applied: false, note: 'not applied: pass apply: true to write it' };
  if (options.mode === 'generated' && current !== null && !options.force) {
    const known = readState(repoDir)[path];
    if (known !== sha(current)) {
      return { ...base, applied: false, note: `not applied: ${path} was not written by sre-agent or was edited since; pass force: true to overwrite` };
    }
  }
  // The user may have edited the file while we computed the new text: re-read just before the atomic rename.
  const now = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (now !== current && !options.force) return { ...base, applied: false, note: `not applied: ${path} changed while it was being updated` };
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic.sync(file, next);
  if (options.mode === 'generated') {
    const state = readState(repoDir);
    state[path] = sha(next);
    mkdirSync(dirname(stateFile(repoDir)), { recursive: true });
    writeFileSync(stateFile(repoDir), `${JSON.stringify(state, null, 2)}\n`);
  }
  return { ...base, applied: true, note: null };
}

/** Resolve a tool's repository-relative path, refusing paths that climb out of the repository. */
import { isAbsolute, relative, resolve } from 'node:path';
import { ToolFailure } from '../../../src/errors.js';

/** Absolute path of `rel` inside `repoDir`; a ToolFailure names the path when it points outside. */
export function resolveInRepo(repoDir: string, rel: string, field: string): string {
  const absolute = resolve(repoDir, rel);
  const inside = relative(repoDir, absolute);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new ToolFailure(`${field} "${rel}" points outside the repository ${repoDir}; give a path relative to it`, { field, file: absolute });
  }
  return absolute;
}

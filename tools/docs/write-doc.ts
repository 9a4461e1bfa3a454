/** One write path for the docs tools: diff always, write only when asked, through tools/shared/file-change.ts. */
import { isAbsolute, relative, resolve } from 'node:path';
import { ToolFailure } from '../../src/errors.js';
import { changeFile } from '../shared/file-change.js';
import type { ToolContext } from '../tool.js';

export interface DocWrite {
  /** Path relative to the repository. */
  file: string;
  /** True when the file on disk now holds this content (written by this call, or already up to date). */
  applied: boolean;
  /** True when this call changed the file, or would change it with apply. */
  changed: boolean;
  diff: string;
  /** Why it was not written, or that it was already up to date; null when written. */
  note: string | null;
}

/** Resolve a config-given doc path inside the repository; refuses paths that leave it. */
export function docPath(ctx: ToolContext, configured: string, field: string): string {
  const file = resolve(ctx.repoDir, configured);
  const rel = relative(ctx.repoDir, file);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new ToolFailure(`config ${field} (${configured}) points outside the repository ${ctx.repoDir}`, { field });
  }
  return file;
}

/** Whether this call may write: the input's `apply` when given, else config docs.apply. */
export function shouldApply(ctx: ToolContext, apply: boolean | undefined): boolean {
  return apply ?? ctx.config.docs.apply;
}

/** Plan or perform the change of one document the user owns (edited in place; user edits made meanwhile are never overwritten). */
export function writeDoc(ctx: ToolContext, file: string, next: (current: string | null) => string, apply: boolean): DocWrite {
  const change = changeFile({ repoDir: ctx.repoDir, file, next, apply, mode: 'edit' });
  return {
    file: change.path,
    applied: change.applied || !change.changed,
    changed: change.changed,
    diff: change.diff,
    note: change.note,
  };
}

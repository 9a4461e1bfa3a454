/** Where observability tools put what they generate: the run's output folder, and (only when asked) the repository. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { changeFile } from '../shared/file-change.js';
import type { ToolContext } from '../tool.js';

export interface RepoCopy {
  path: string;
  changed: boolean;
  applied: boolean;
  note: string | null;
}

/** Write `name` under `<outDir>/observability/` and return its absolute path. */
export function writeRunOutput(ctx: ToolContext, name: string, text: string): string {
  const dir = join(ctx.outDir, 'observability');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Plan (and with `apply`, make) the same file in the repository under config.metrics.dashboardsDir, diffed and never clobbering user edits. */
export function copyToRepo(ctx: ToolContext, name: string, text: string, apply: boolean): RepoCopy {
  const file = join(ctx.repoDir, ctx.config.metrics.dashboardsDir, name);
  const change = changeFile({ repoDir: ctx.repoDir, file, next: text, apply, mode: 'generated' });
  return { path: change.path, changed: change.changed, applied: change.applied, note: change.note };
}

/** Which stack a repository is (for logging and tracing snippets), from the files at its root. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../src/errors.js';
import type { ToolContext } from '../tool.js';

export type Stack = 'node' | 'django' | 'python';

/** manage.py → django (even with a frontend package.json), package.json → node, Python project files → python. */
export function detectStack(repoDir: string): Stack {
  if (existsSync(join(repoDir, 'manage.py'))) return 'django';
  if (existsSync(join(repoDir, 'package.json'))) return 'node';
  if (['pyproject.toml', 'requirements.txt', 'setup.py', 'setup.cfg'].some((f) => existsSync(join(repoDir, f)))) return 'python';
  throw new UserError(`cannot tell the stack of ${repoDir}: expected manage.py (django), package.json (node) or pyproject.toml/requirements.txt/setup.py (python); pass stack explicitly`, { file: repoDir });
}

/** The release version for resource attributes: the QA handoff's, else package.json's, else null. */
export function serviceVersion(ctx: ToolContext): string | null {
  if (ctx.handoff) return ctx.handoff.data.release.version;
  try {
    const pkg = JSON.parse(readFileSync(join(ctx.repoDir, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : null;
  } catch {
    return null;
  }
}

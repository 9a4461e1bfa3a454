/** Real temporary git repositories and handoffs for the docs tool tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { QaHandoff, type QaHandoffInput } from '../../schemas/qa-handoff.js';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: tmpdir(),
};

/** Run git in `dir` with a fixed identity; returns stdout. */
export async function git(dir: string, ...args: string[]): Promise<string> {
  const result = await execa('git', args, { cwd: dir, env: GIT_ENV, timeout: 20_000 });
  return result.stdout.trim();
}

/** A new repository with one file per commit; `tag` after a subject tags that commit. Returns the dir and the HEAD hash. */
export async function makeRepo(history: Array<{ subject: string; body?: string; tag?: string }>): Promise<{ dir: string; head: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sre-docs-repo-'));
  await git(dir, 'init', '--quiet', '--initial-branch=main');
  let i = 0;
  for (const commit of history) {
    i += 1;
    writeFileSync(join(dir, `file-${i}.txt`), `change ${i}\n`);
    await git(dir, 'add', '.');
    const message = commit.body ? `${commit.subject}\n\n${commit.body}` : commit.subject;
    await git(dir, 'commit', '--quiet', '-m', message);
    if (commit.tag) await git(dir, 'tag', commit.tag);
  }
  return { dir, head: await git(dir, 'rev-parse', 'HEAD') };
}

/** A valid handoff for release 1.3.0 at `commit`. */
export function handoffFor(commit: string, overrides: Partial<QaHandoffInput> = {}): QaHandoff {
  return QaHandoff.parse({
    release: { version: '1.3.0', commit, branch: 'main', previousVersion: '1.2.0' },
    qa: { verdict: 'approved', reasons: ['all green'] },
    claims: { tests: { passed: 10, total: 10 }, coverage: { lines: 90 } },
    featureFlags: [{ key: 'new-endpoint', description: 'Serves the new /api/features endpoint' }],
    migrations: [{ name: '0006_add_features', reverse: 'python manage.py migrate app 0005' }],
    ...overrides,
  });
}

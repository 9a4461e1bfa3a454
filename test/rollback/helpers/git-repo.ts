/** Throwaway git repositories for tests (real git, in a temp dir). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Run git in `dir` with a fixed identity; returns trimmed stdout. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 15_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** A new repository with one commit per entry of `files` (file name → content); returns the dir and commit hashes. */
export function makeRepo(commits: Array<Record<string, string>>): { dir: string; commits: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'sre-test-repo-'));
  git(dir, 'init', '-q', '-b', 'main');
  const hashes: string[] = [];
  commits.forEach((files, index) => {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `commit ${index + 1}`);
    hashes.push(git(dir, 'rev-parse', 'HEAD'));
  });
  return { dir, commits: hashes };
}

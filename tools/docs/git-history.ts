/** The release's commits: from the previous tag (exclusive) to the release commit, read with git via runCommand. */
import { ToolFailure } from '../../src/errors.js';
import { runCommand } from '../shared/run-command.js';

export interface Commit {
  hash: string;
  subject: string;
  body: string;
}

export interface ReleaseHistory {
  /** Full hash of the release commit. */
  commit: string;
  /** The tag the range starts after, or null when the repository has no earlier tag. */
  previousTag: string | null;
  commits: Commit[];
  notes: string[];
}

const GIT_TIMEOUT_MS = 30_000;
/** A release with more commits than this is summarised from its newest ones (and says so). */
const MAX_COMMITS = 1_000;

async function git(repoDir: string, args: string[], signal?: AbortSignal) {
  return runCommand(['git', ...args], { cwd: repoDir, timeoutMs: GIT_TIMEOUT_MS, signal, maxOutputChars: 8_000_000 });
}

/** Split `git log --format=%H%x1f%s%x1f%b%x1e` output into commits. */
export function parseGitLog(stdout: string): Commit[] {
  return stdout
    .split('\x1e')
    .map((record) => record.replace(/^\s+/, ''))
    .filter((record) => record.length > 0)
    .map((record) => {
      const [hash = '', subject = '', body = ''] = record.split('\x1f');
      return { hash: hash.trim(), subject: subject.trim(), body: body.trim() };
    });
}

/** Read the commits of the release ending at `commit`; throws ToolFailure when repoDir is not a git repository or the commit is unknown. */
export async function readReleaseHistory(repoDir: string, commit: string, signal?: AbortSignal): Promise<ReleaseHistory> {
  const inside = await git(repoDir, ['rev-parse', '--is-inside-work-tree'], signal);
  if (inside.notFound) throw new ToolFailure('git was not found on PATH: the changelog is built from the git history', { command: 'git' });
  if (inside.exitCode !== 0 || inside.stdout.trim() !== 'true') {
    throw new ToolFailure(`${repoDir} is not a git repository (git rev-parse: ${inside.stderr.trim() || inside.failure})`, { file: repoDir, command: 'git rev-parse' });
  }
  const resolved = await git(repoDir, ['rev-parse', '--verify', '--quiet', `${commit}^{commit}`], signal);
  if (resolved.exitCode !== 0) {
    throw new ToolFailure(`release commit ${commit} (handoff release.commit) was not found in ${repoDir}; fetch it or check the handoff`, {
      file: repoDir,
      field: 'release.commit',
    });
  }
  const full = resolved.stdout.trim();
  const notes: string[] = [];
  let previousTag: string | null = null;
  const hasParent = (await git(repoDir, ['rev-parse', '--verify', '--quiet', `${full}^`], signal)).exitCode === 0;
  if (hasParent) {
    const described = await git(repoDir, ['describe', '--tags', '--abbrev=0', `${full}^`], signal);
    if (described.exitCode === 0 && described.stdout.trim()) previousTag = described.stdout.trim();
  }
  if (previousTag === null) {
    notes.push(`no tag before commit ${full.slice(0, 12)}: the entry uses the whole history up to it`);
  }
  const range = previousTag ? `${previousTag}..${full}` : full;
  // Merge commits only repeat what their branches already say.
  const log = await git(repoDir, ['log', '--no-merges', `--max-count=${MAX_COMMITS}`, '--format=%H%x1f%s%x1f%b%x1e', range], signal);
  if (log.exitCode !== 0) {
    throw new ToolFailure(`git log ${range} failed in ${repoDir}: ${log.stderr.trim() || log.failure}`, { command: `git log ${range}` });
  }
  const commits = parseGitLog(log.stdout);
  if (commits.length >= MAX_COMMITS) notes.push(`more than ${MAX_COMMITS} commits in ${range}: only the newest ${MAX_COMMITS} are listed`);
  return { commit: full, previousTag, commits, notes };
}

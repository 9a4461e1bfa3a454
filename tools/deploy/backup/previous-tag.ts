/** The git tag of the release before this one: the code half of a backup ("Código: Tag git v1.2.0"). */
import { runCommand } from '../../shared/run-command.js';

export interface PreviousTag {
  tag: string | null;
  /** How it was found, or why there is none. */
  reason: string;
}

const GIT_TIMEOUT_MS = 15_000;

async function git(args: string[], repoDir: string, signal: AbortSignal) {
  return runCommand(['git', ...args], { cwd: repoDir, timeoutMs: GIT_TIMEOUT_MS, signal });
}

/**
 * Find the previous release's tag: the tag named after `previousVersion` (v1.2.0 or 1.2.0) when it exists,
 * else the nearest tag reachable from the parent of `commit` (`git describe --tags --abbrev=0 <commit>^`).
 */
export async function findPreviousTag(options: {
  repoDir: string;
  commit: string | null;
  previousVersion: string | null;
  signal: AbortSignal;
}): Promise<PreviousTag> {
  const { repoDir, signal } = options;
  const inside = await git(['rev-parse', '--is-inside-work-tree'], repoDir, signal);
  if (inside.notFound) return { tag: null, reason: 'git is not installed' };
  if (inside.failure) return { tag: null, reason: `${repoDir} is not a git repository` };
  const tags = await git(['tag', '--list'], repoDir, signal);
  if (tags.failure) return { tag: null, reason: `git tag --list failed: ${tags.stderr || tags.failure}` };
  const all = tags.stdout.split('\n').map((t) => t.trim()).filter(Boolean);
  if (all.length === 0) return { tag: null, reason: `the repository ${repoDir} has no tags` };
  if (options.previousVersion) {
    for (const name of [`v${options.previousVersion}`, options.previousVersion]) {
      if (all.includes(name)) return { tag: name, reason: `tag matching the previous version ${options.previousVersion}` };
    }
  }
  if (!options.commit) return { tag: null, reason: 'no release commit in the handoff and no tag matching the previous version' };
  const described = await git(['describe', '--tags', '--abbrev=0', `${options.commit}^`], repoDir, signal);
  if (described.failure || !described.stdout.trim()) {
    const why = described.stderr.split('\n')[0] || described.failure;
    return { tag: null, reason: `git describe --tags --abbrev=0 ${options.commit}^ found no tag: ${why}` };
  }
  return { tag: described.stdout.trim(), reason: `nearest tag before ${options.commit} (git describe)` };
}

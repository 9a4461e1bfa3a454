/**
 * Conventional Commits → Keep a Changelog sections.
 *
 * Mapping (a changelog is for the service's users, so internal chores are left out and counted in a note):
 *   feat                                      → Added
 *   fix                                       → Fixed
 *   perf, refactor, docs, build, revert       → Changed
 *   security, sec, or any type scoped security/sec (e.g. fix(security)) → Security
 *   chore, ci, test, style                    → omitted (counted)
 *   unknown types and plain subjects          → Changed (subject kept as written)
 * A `!` after the type/scope or a `BREAKING CHANGE:` footer marks the line **BREAKING**.
 */
import type { Commit } from './git-history.js';

export const SECTIONS = ['Added', 'Changed', 'Fixed', 'Security'] as const;
export type Section = (typeof SECTIONS)[number];

const TYPE_SECTION: Record<string, Section | null> = {
  feat: 'Added',
  fix: 'Fixed',
  perf: 'Changed',
  refactor: 'Changed',
  docs: 'Changed',
  build: 'Changed',
  revert: 'Changed',
  security: 'Security',
  sec: 'Security',
  chore: null,
  ci: null,
  test: null,
  style: null,
};

const SECURITY_SCOPES = new Set(['security', 'sec']);
const HEADER = /^(?<type>[A-Za-z]+)(?:\((?<scope>[^()]*)\))?(?<bang>!)?:\s+(?<description>\S.*)$/;
const BREAKING_FOOTER = /^BREAKING[ -]CHANGE:\s*/m;

export interface ChangelogLine {
  section: Section;
  text: string;
  breaking: boolean;
  hash: string;
}

export interface Classified {
  lines: ChangelogLine[];
  /** Commits left out on purpose (chore/ci/test/style). */
  omitted: number;
  /** How many subjects followed the convention. */
  conventional: number;
}

/** Classify one commit; null when its type is deliberately left out of the changelog. */
export function classifyCommit(commit: Commit): { line: ChangelogLine | null; conventional: boolean } {
  const hash = commit.hash.slice(0, 7);
  const match = HEADER.exec(commit.subject);
  if (!match?.groups) {
    return { line: { section: 'Changed', text: commit.subject, breaking: false, hash }, conventional: false };
  }
  const type = match.groups.type!.toLowerCase();
  const scope = match.groups.scope?.trim() || null;
  const breaking = Boolean(match.groups.bang) || BREAKING_FOOTER.test(commit.body);
  let section: Section | null = type in TYPE_SECTION ? TYPE_SECTION[type]! : 'Changed';
  if (scope && SECURITY_SCOPES.has(scope.toLowerCase())) section = 'Security';
  // A breaking chore is still something users must hear about.
  if (section === null && breaking) section = 'Changed';
  if (section === null) return { line: null, conventional: true };
  const scoped = scope && !SECURITY_SCOPES.has(scope.toLowerCase()) ? `**${scope}:** ` : '';
  return { line: { section, text: `${scoped}${match.groups.description!.trim()}`, breaking, hash }, conventional: true };
}

/** Classify every commit of the release, keeping git's order (newest first). */
export function classifyCommits(commits: Commit[]): Classified {
  const lines: ChangelogLine[] = [];
  let omitted = 0;
  let conventional = 0;
  for (const commit of commits) {
    const { line, conventional: isConventional } = classifyCommit(commit);
    if (isConventional) conventional += 1;
    if (line) lines.push(line);
    else omitted += 1;
  }
  return { lines, omitted, conventional };
}

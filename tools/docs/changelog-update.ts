/** Tool `changelog_update`: add the release's entry to CHANGELOG.md (Keep a Changelog) from git history and the handoff. */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { QaHandoff } from '../../schemas/qa-handoff.js';
import { defineTool } from '../tool.js';
import { changelogProblem, hasVersion, insertEntry, renderEntry, unreleasedContent, updateCompareLinks } from './changelog-document.js';
import { classifyCommits, type ChangelogLine } from './conventional-commits.js';
import { readReleaseHistory } from './git-history.js';
import { requireHandoff, utcDate } from './release-context.js';
import { docPath, shouldApply, writeDoc } from './write-doc.js';

/** Lines the handoff adds beyond git history: new feature flags and database migrations. */
function handoffLines(handoff: QaHandoff): ChangelogLine[] {
  const lines: ChangelogLine[] = [];
  for (const flag of handoff.featureFlags) {
    const purpose = flag.description ? `: ${flag.description}` : '';
    lines.push({ section: 'Added', text: `Feature flag \`${flag.key}\` (off by default)${purpose}`, breaking: false, hash: '' });
  }
  for (const migration of handoff.migrations) {
    lines.push({ section: 'Changed', text: `Database migration \`${migration.name}\` (reverse: \`${migration.reverse}\`)`, breaking: false, hash: '' });
  }
  return lines;
}

export const changelogUpdateTool = defineTool({
  name: 'changelog_update',
  title: 'Update CHANGELOG.md',
  description:
    'Add this release\'s entry to the repository CHANGELOG.md in Keep a Changelog layout ("## [1.3.0] - YYYY-MM-DD" with Added / Changed / Fixed / Security), ' +
    'built from the git commits between the previous tag and the release commit (Conventional Commits grouped: feat→Added, fix→Fixed, ' +
    'perf/refactor/docs/build/revert→Changed, security/sec or a security scope→Security, chore/ci/test/style left out; plain subjects→Changed) ' +
    'plus the handoff\'s new feature flags and migrations. Idempotent: an existing heading for the version is left alone. ' +
    'Always returns the diff; writes only with apply: true (or docs.apply in sre.yaml). A CHANGELOG without recognisable headings is left untouched and reported in notes. ' +
    'Returns { file, applied (the file holds the entry), changed, diff, entry, commits, notes }.',
  input: z.object({
    apply: z.boolean().optional().describe('Write the file (default: docs.apply from sre.yaml, else only show the diff)'),
  }),
  output: z.object({
    file: z.string().describe('CHANGELOG path relative to the repository'),
    applied: z.boolean().describe('The file on disk holds this release entry (written now or already there)'),
    changed: z.boolean().describe('This call changed the file, or would with apply'),
    diff: z.string(),
    entry: z.string().describe('The release entry as markdown'),
    commits: z.number().int().nonnegative().describe('Commits in the release range'),
    notes: z.array(z.string()),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true },
  handler: async (input, ctx) => {
    const handoff = requireHandoff(ctx, 'changelog_update');
    const { version, commit } = handoff.release;
    const file = docPath(ctx, ctx.config.docs.changelog, 'docs.changelog');
    const history = await readReleaseHistory(ctx.repoDir, commit, ctx.signal);
    const classified = classifyCommits(history.commits);
    const notes = [...history.notes];
    if (history.previousTag) notes.push(`commits ${history.previousTag}..${history.commit.slice(0, 12)}`);
    if (classified.omitted > 0) notes.push(`${classified.omitted} chore/ci/test/style commit(s) left out of the entry`);
    if (history.commits.length > 0 && classified.conventional === 0) notes.push('no commit follows Conventional Commits: subjects listed under Changed');
    const lines = [...classified.lines, ...handoffLines(handoff)];
    if (lines.length === 0) {
      lines.push({ section: 'Changed', text: 'No user-facing changes recorded in the commit history', breaking: false, hash: '' });
    }
    const entry = renderEntry(version, utcDate(), lines);
    const base = { entry, commits: history.commits.length };

    const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (current === null) notes.push(`${ctx.config.docs.changelog} does not exist: it is created with the Keep a Changelog header`);
    const problem = current === null ? null : changelogProblem(current);
    if (problem) {
      notes.push(`${ctx.config.docs.changelog} left as it was: ${problem}; add the entry by hand or fix the file's headings`);
      return { file: ctx.config.docs.changelog, applied: false, changed: false, diff: '', ...base, notes };
    }
    if (current !== null && hasVersion(current, version)) notes.push(`${ctx.config.docs.changelog} already has a heading for ${version}: left as it is`);
    const pending = current === null ? [] : unreleasedContent(current);
    if (pending.length > 0 && !hasVersion(current ?? '', version)) {
      notes.push(`the [Unreleased] section holds ${pending.length} line(s); review whether they belong to ${version}`);
    }
    // Tags follow the previous tag's style (v1.2.0 → v1.3.0).
    const tag = `${history.previousTag?.startsWith('v') === false ? '' : 'v'}${version}`;
    const next = (text: string | null) => (text !== null && hasVersion(text, version) ? text : updateCompareLinks(insertEntry(text ?? '', entry), version, tag));
    const written = writeDoc(ctx, file, next, shouldApply(ctx, input.apply));
    if (written.note && written.note !== 'already up to date') notes.push(written.note);
    return { file: written.file, applied: written.applied, changed: written.changed, diff: written.diff, ...base, notes };
  },
});

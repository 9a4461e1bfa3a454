/** CHANGELOG.md in Keep a Changelog layout: render one release entry and place it in an existing file without touching the rest. */
import { SECTIONS, type ChangelogLine } from './conventional-commits.js';

export const CHANGELOG_HEADER = `# Changelog

All notable changes to this project will be documented in this file.

The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),
and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).

## [Unreleased]
`;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ANY_VERSION_HEADING = /^##\s+\[?v?\d+\.\d+\.\d+/;
const UNRELEASED_HEADING = /^##\s+\[?unreleased\]?/i;
const LINK_REFERENCE = /^\[[^\]]+\]:\s+\S+/;

/** Render `## [version] - date` with the non-empty sections in Keep a Changelog order. */
export function renderEntry(version: string, date: string, lines: ChangelogLine[]): string {
  const out = [`## [${version}] - ${date}`];
  for (const section of SECTIONS) {
    const items = lines.filter((line) => line.section === section);
    if (items.length === 0) continue;
    out.push('', `### ${section}`, '');
    for (const item of items) {
      const suffix = item.hash ? ` (${item.hash})` : '';
      out.push(`- ${item.breaking ? '**BREAKING:** ' : ''}${item.text}${suffix}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** True when the changelog already has a heading for this version (`## [1.3.0]`, `## v1.3.0`, `## 1.3.0 (date)`). */
export function hasVersion(text: string, version: string): boolean {
  const heading = new RegExp(`^##\\s+\\[?v?${escapeRegExp(version)}\\]?(?=\\s|$)`, 'm');
  return heading.test(text);
}

/** Why the text is not a changelog we can safely edit, or null when it is. */
export function changelogProblem(text: string): string | null {
  if (text.trim() === '') return null;
  const lines = text.split('\n');
  if (!lines.some((line) => /^#{1,2}\s+\S/.test(line))) {
    return 'no "# Changelog" title or "## [x.y.z]" release headings found (Keep a Changelog layout expected)';
  }
  return null;
}

/** Lines of the [Unreleased] section that hold content (so the user can decide whether they belong to this release). */
export function unreleasedContent(text: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => UNRELEASED_HEADING.test(line));
  if (start < 0) return [];
  const content: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^##?\s/.test(line) || LINK_REFERENCE.test(line)) break;
    if (line.trim() !== '' && !/^###\s/.test(line)) content.push(line.trim());
  }
  return content;
}

/**
 * Insert `entry` above the newest release heading; with no release yet, after the header
 * (and the [Unreleased] section), before any link reference definitions at the end.
 */
export function insertEntry(text: string, entry: string): string {
  if (text.trim() === '') return `${CHANGELOG_HEADER}\n${entry}`;
  const lines = text.replace(/\n+$/, '').split('\n');
  let at = lines.findIndex((line) => ANY_VERSION_HEADING.test(line));
  if (at < 0) {
    at = lines.length;
    while (at > 0 && (LINK_REFERENCE.test(lines[at - 1]!) || lines[at - 1]!.trim() === '')) at -= 1;
  }
  const before = lines.slice(0, at);
  while (before.length > 0 && before[before.length - 1]!.trim() === '') before.pop();
  const after = lines.slice(at);
  while (after.length > 0 && after[0]!.trim() === '') after.shift();
  const parts = [before.join('\n'), entry.replace(/\n+$/, '')];
  if (after.length > 0) parts.push(after.join('\n'));
  return `${parts.filter((part) => part.length > 0).join('\n\n')}\n`;
}

/**
 * Keep the compare links at the bottom in step, when the file already uses them:
 * `[Unreleased]: BASE/compare/PREV...HEAD` becomes `.../compare/TAG...HEAD` and `[version]: BASE/compare/PREV...TAG` is added.
 */
export function updateCompareLinks(text: string, version: string, tag: string): string {
  const unreleased = /^\[unreleased\]:\s*(\S+)\/compare\/(\S+)\.\.\.HEAD\s*$/im.exec(text);
  if (!unreleased || new RegExp(`^\\[${escapeRegExp(version)}\\]:`, 'm').test(text)) return text;
  const [line, base, previous] = unreleased;
  const replacement = `[Unreleased]: ${base}/compare/${tag}...HEAD\n[${version}]: ${base}/compare/${previous}...${tag}`;
  return text.replace(line, replacement);
}

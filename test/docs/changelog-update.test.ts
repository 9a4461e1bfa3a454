import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changelogUpdateTool } from '../../tools/docs/changelog-update.js';
import { MINIMAL_CONFIG, makeToolContext } from '../helpers/tool-context.js';
import { handoffFor, makeRepo } from './fixture-repo.js';

const HISTORY = [
  { subject: 'feat: first release', tag: 'v1.2.0' },
  { subject: 'feat(api): add /api/features endpoint' },
  { subject: 'fix: handle empty user id' },
  { subject: 'fix(security): escape the user name in logs' },
  { subject: 'perf: cache the flag file' },
  { subject: 'chore: bump dev dependencies' },
  { subject: 'refactor!: rename the settings module', body: 'BREAKING CHANGE: settings moved' },
];

async function contextFor(history = HISTORY, commit?: string) {
  const repo = await makeRepo(history);
  const ctx = makeToolContext({ repoDir: repo.dir, configDir: repo.dir, handoff: { data: handoffFor(commit ?? repo.head), file: null, dir: repo.dir } });
  return { ctx, dir: repo.dir };
}

describe('changelog_update', () => {
  it('groups conventional commits since the previous tag into Keep a Changelog sections', async () => {
    const { ctx, dir } = await contextFor();
    const out = await changelogUpdateTool.handler({ apply: true }, ctx);
    expect(out.commits).toBe(6); // the tagged v1.2.0 commit is not part of 1.3.0
    expect(out.applied).toBe(true);
    expect(out.changed).toBe(true);
    const text = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
    expect(text).toMatch(/^# Changelog/);
    expect(text).toMatch(/## \[1\.3\.0\] - \d{4}-\d{2}-\d{2}/);
    const section = (name: string) => text.split(`### ${name}`)[1]?.split('###')[0] ?? '';
    expect(section('Added')).toContain('**api:** add /api/features endpoint');
    expect(section('Added')).toContain('Feature flag `new-endpoint` (off by default)');
    expect(section('Fixed')).toContain('handle empty user id');
    expect(section('Security')).toContain('escape the user name in logs');
    expect(section('Fixed')).not.toContain('escape the user name');
    expect(section('Changed')).toContain('cache the flag file');
    expect(section('Changed')).toContain('**BREAKING:** rename the settings module');
    expect(section('Changed')).toContain('0006_add_features');
    expect(text).not.toContain('bump dev dependencies');
    expect(text).not.toContain('first release');
    expect(out.notes.join('\n')).toContain('1 chore/ci/test/style commit(s) left out');
    expect(out.notes.join('\n')).toContain('v1.2.0..');
  });

  it('adds exactly one entry when run twice', async () => {
    const { ctx, dir } = await contextFor();
    await changelogUpdateTool.handler({ apply: true }, ctx);
    const first = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
    const again = await changelogUpdateTool.handler({ apply: true }, ctx);
    const second = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
    expect(second).toBe(first);
    expect(second.match(/## \[1\.3\.0\]/g)).toHaveLength(1);
    expect(again.changed).toBe(false);
    expect(again.applied).toBe(true);
    expect(again.diff).toBe('');
  });

  it('shows the diff without writing unless asked', async () => {
    const { ctx, dir } = await contextFor();
    const out = await changelogUpdateTool.handler({}, ctx);
    expect(out.applied).toBe(false);
    expect(out.changed).toBe(true);
    expect(out.diff).toContain('+## [1.3.0]');
    expect(existsSync(join(dir, 'CHANGELOG.md'))).toBe(false);
  });

  it('inserts above the newest release and keeps the user text and the Unreleased section', async () => {
    const { ctx, dir } = await contextFor();
    const existing = [
      '# Changelog',
      '',
      'Hand-written intro.',
      '',
      '## [Unreleased]',
      '',
      '- something pending',
      '',
      '## [1.2.0] - 2025-10-01',
      '',
      '### Added',
      '',
      '- first release',
      '',
      '[1.2.0]: https://example.invalid/releases/v1.2.0',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'CHANGELOG.md'), existing);
    const out = await changelogUpdateTool.handler({ apply: true }, ctx);
    const text = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
    expect(text.indexOf('## [Unreleased]')).toBeLessThan(text.indexOf('## [1.3.0]'));
    expect(text.indexOf('## [1.3.0]')).toBeLessThan(text.indexOf('## [1.2.0]'));
    expect(text).toContain('Hand-written intro.');
    expect(text).toContain('[1.2.0]: https://example.invalid/releases/v1.2.0');
    expect(text.replace(/## \[1\.3\.0\][\s\S]*?(?=## \[1\.2\.0\])/, '')).toBe(existing);
    expect(out.notes.join('\n')).toContain('[Unreleased] section holds 1 line');
  });

  it('keeps the compare links at the bottom in step when the file uses them', async () => {
    const { ctx, dir } = await contextFor();
    const base = 'https://github.com/acme/demo';
    writeFileSync(
      join(dir, 'CHANGELOG.md'),
      `# Changelog\n\n## [Unreleased]\n\n## [1.2.0] - 2025-10-01\n\n- first\n\n[Unreleased]: ${base}/compare/v1.2.0...HEAD\n[1.2.0]: ${base}/releases/tag/v1.2.0\n`,
    );
    await changelogUpdateTool.handler({ apply: true }, ctx);
    const text = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
    expect(text).toContain(`[Unreleased]: ${base}/compare/v1.3.0...HEAD\n[1.3.0]: ${base}/compare/v1.2.0...v1.3.0\n[1.2.0]: ${base}/releases/tag/v1.2.0\n`);
  });

  it('uses the whole history and says so when the repository has no tags', async () => {
    const { ctx } = await contextFor([{ subject: 'Initial import' }, { subject: 'Add the health endpoint' }]);
    const out = await changelogUpdateTool.handler({}, ctx);
    expect(out.commits).toBe(2);
    expect(out.notes.join('\n')).toMatch(/no tag before commit .*whole history/);
    expect(out.notes.join('\n')).toContain('no commit follows Conventional Commits');
    expect(out.entry).toContain('### Changed');
    expect(out.entry).toContain('- Add the health endpoint');
    expect(out.entry).toContain('- Initial import');
  });

  it('leaves a changelog without recognisable headings as it was and says why', async () => {
    const { ctx, dir } = await contextFor();
    const malformed = 'Version 1.2.0 (2025-10-01)\n  * first release\n';
    writeFileSync(join(dir, 'CHANGELOG.md'), malformed);
    const out = await changelogUpdateTool.handler({ apply: true }, ctx);
    expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toBe(malformed);
    expect(out.applied).toBe(false);
    expect(out.changed).toBe(false);
    expect(out.notes.join('\n')).toMatch(/CHANGELOG\.md left as it was: no "# Changelog" title/);
    expect(out.entry).toContain('## [1.3.0]');
  });

  it('fails clearly outside a git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sre-not-git-'));
    const ctx = makeToolContext({ repoDir: dir, configDir: dir, handoff: { data: handoffFor('abcdef1'), file: null, dir } });
    await expect(changelogUpdateTool.handler({}, ctx)).rejects.toThrow(/is not a git repository/);
  });

  it('fails clearly when the handoff commit is not in the repository', async () => {
    const { ctx } = await contextFor(HISTORY, 'deadbeefdeadbeef');
    await expect(changelogUpdateTool.handler({}, ctx)).rejects.toThrow(/release commit deadbeefdeadbeef \(handoff release\.commit\) was not found/);
  });

  it('writes when sre.yaml sets docs.apply, and honours an explicit apply: false', async () => {
    const repo = await makeRepo(HISTORY);
    const config = { ...MINIMAL_CONFIG, docs: { apply: true } };
    const ctx = makeToolContext({ config, repoDir: repo.dir, configDir: repo.dir, handoff: { data: handoffFor(repo.head), file: null, dir: repo.dir } });
    expect((await changelogUpdateTool.handler({ apply: false }, ctx)).applied).toBe(false);
    expect(existsSync(join(repo.dir, 'CHANGELOG.md'))).toBe(false);
    expect((await changelogUpdateTool.handler({}, ctx)).applied).toBe(true);
    expect(existsSync(join(repo.dir, 'CHANGELOG.md'))).toBe(true);
  });
});

/** backup_create: real backup commands, checksums, refusals, and the previous release's git tag. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SreConfigInput } from '../../schemas/config.js';
import { ToolFailure } from '../../src/errors.js';
import { backupCreateTool } from '../../tools/deploy/backup-create.js';
import { MINIMAL_CONFIG, makeToolContext } from '../helpers/tool-context.js';
import { makeHandoff } from './helpers/handoff.js';
import { git, makeRepo } from './helpers/git-repo.js';

const node = process.execPath;
const copyData = [node, '-e', 'require("fs").copyFileSync("data.json", process.argv[1])', '{{file}}'];
const hasSqlite = (() => {
  try {
    execFileSync('sqlite3', ['-version'], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
})();

const contexts: Array<ReturnType<typeof makeToolContext>> = [];
function setup(backup: SreConfigInput['backup'], options: { repoDir?: string; handoff?: boolean; migrations?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sre-test-backup-'));
  writeFileSync(join(dir, 'data.json'), JSON.stringify({ users: [{ id: 1, name: 'Ana' }] }));
  const handoff =
    options.handoff === false
      ? undefined
      : {
          data: makeHandoff(
            options.migrations ? { migrations: [{ name: '0006_add_orders', reverse: 'python manage.py migrate shop 0005' }] } : {},
          ),
          file: null,
          dir,
        };
  const ctx = makeToolContext({ config: { ...MINIMAL_CONFIG, backup }, configDir: dir, repoDir: options.repoDir ?? dir, handoff });
  contexts.push(ctx);
  return { ctx, dir };
}

afterEach(async () => {
  for (const ctx of contexts.splice(0)) await ctx.runtime.close();
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('backup_create', () => {
  it('copies the data with the configured command and records size and a SHA-256 that matches the file', async () => {
    const { ctx, dir } = setup({ command: { run: copyData }, extension: 'json' });
    const out = await backupCreateTool.handler({}, ctx);
    expect(out.file.startsWith(join(dir, 'backups', 'backup_v1.3.0_'))).toBe(true);
    expect(out.file).toMatch(/backup_v1\.3\.0_\d{4}-\d{2}-\d{2}\.json$/);
    expect(readFileSync(out.file, 'utf8')).toBe(readFileSync(join(dir, 'data.json'), 'utf8'));
    expect(out.sizeBytes).toBe(readFileSync(out.file).length);
    expect(out.sha256).toBe(sha256(out.file));
    expect(out.restoreChecked).toBe(false);
    expect(out.restoreCheck).toBeNull();
    expect(backupCreateTool.output.safeParse(out).success).toBe(true);
  });

  it.skipIf(!hasSqlite)('backs up a real SQLite database with sqlite3 .backup and checks the restore with integrity_check', async () => {
    const { ctx, dir } = setup({
      command: { run: ['sqlite3', 'app.db', '.backup {{file}}'] },
      restoreCheck: { run: ['sqlite3', '{{file}}', 'PRAGMA integrity_check;'] },
    });
    execFileSync('sqlite3', [join(dir, 'app.db'), 'CREATE TABLE t(x); INSERT INTO t VALUES (1),(2),(3);'], { timeout: 10_000 });
    const out = await backupCreateTool.handler({ label: 'pre migration' }, ctx);
    expect(out.file).toMatch(/backup_v1\.3\.0_\d{4}-\d{2}-\d{2}_pre-migration\.sqlite$/);
    expect(out.sha256).toBe(sha256(out.file));
    expect(out.restoreChecked).toBe(true);
    expect(out.restoreCheck).toMatchObject({ ran: true, ok: true });
    expect(execFileSync('sqlite3', [out.file, 'SELECT count(*) FROM t;'], { encoding: 'utf8', timeout: 10_000 }).trim()).toBe('3');
  });

  it('refuses a failing restore check, naming the backup file', async () => {
    const { ctx } = setup({
      command: { run: copyData },
      restoreCheck: { run: [node, '-e', 'console.error("restore: bad header"); process.exit(3)', '{{file}}'] },
    });
    await expect(backupCreateTool.handler({}, ctx)).rejects.toThrow(/backup\.restoreCheck failed: .*exited with 3.*bad header/);
  });

  it('refuses an empty backup and removes the empty file', async () => {
    const { ctx, dir } = setup({ command: { run: [node, '-e', 'require("fs").writeFileSync(process.argv[1], "")', '{{file}}'] } });
    const failure = await backupCreateTool.handler({}, ctx).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ToolFailure);
    expect((failure as Error).message).toMatch(/empty file .* \(0 bytes\): refusing an empty backup/);
    expect(readdirSync(join(dir, 'backups'))).toEqual([]);
  });

  it('refuses a command that exits 0 without writing to {{file}}', async () => {
    const { ctx } = setup({ command: { run: [node, '-e', 'process.exit(0)'] } });
    await expect(backupCreateTool.handler({}, ctx)).rejects.toThrow(/exited 0 but wrote nothing at .*\{\{file\}\} placeholder/);
  });

  it('reports a failing command with its exit code and output, leaving no partial file', async () => {
    const script = 'require("fs").writeFileSync(process.argv[1], "partial"); console.error("pg_dump: connection refused"); process.exit(1)';
    const { ctx, dir } = setup({ command: { run: [node, '-e', script, '{{file}}'] } });
    await expect(backupCreateTool.handler({}, ctx)).rejects.toThrow(/backup\.command failed .*exited with 1: pg_dump: connection refused/);
    expect(readdirSync(join(dir, 'backups'))).toEqual([]);
  });

  it('says what to add to sre.yaml when no backup command is configured', async () => {
    const { ctx } = setup(undefined);
    await expect(backupCreateTool.handler({}, ctx)).rejects.toThrow(/no backup command configured: add backup\.command to sre\.yaml/);
  });

  it('never overwrites an earlier backup of the same day', async () => {
    const { ctx } = setup({ command: { run: copyData }, extension: 'json' });
    const first = await backupCreateTool.handler({}, ctx);
    const second = await backupCreateTool.handler({}, ctx);
    expect(second.file).not.toBe(first.file);
    expect(existsSync(first.file) && existsSync(second.file)).toBe(true);
    expect(second.file).toMatch(/_T\d{2}-\d{2}-\d{2}Z(-\d+)?\.json$/);
  });

  it('lists the handoff migrations with their reverse commands', async () => {
    const { ctx } = setup({ command: { run: copyData } }, { migrations: true });
    const out = await backupCreateTool.handler({}, ctx);
    expect(out.migrations).toEqual([{ name: '0006_add_orders', apply: null, reverse: 'python manage.py migrate shop 0005' }]);
    expect(out.file.endsWith('.bak')).toBe(true);
  });
});

describe('backup_create: previous release tag', () => {
  it('is null with a reason in a repository without tags', async () => {
    const repo = makeRepo([{ 'a.txt': '1' }, { 'a.txt': '2' }]);
    const { ctx } = setup({ command: { run: copyData } }, { repoDir: repo.dir });
    const out = await backupCreateTool.handler({}, ctx);
    expect(out.previousTag).toBeNull();
    expect(out.previousTagReason).toMatch(/has no tags/);
  });

  it('is null with a reason outside a git repository', async () => {
    const { ctx } = setup({ command: { run: copyData } });
    const out = await backupCreateTool.handler({}, ctx);
    expect(out.previousTag).toBeNull();
    expect(out.previousTagReason).toMatch(/is not a git repository/);
  });

  it('is the tag named after the previous version when it exists', async () => {
    const repo = makeRepo([{ 'a.txt': '1' }, { 'a.txt': '2' }, { 'a.txt': '3' }]);
    git(repo.dir, 'tag', 'v1.1.0', repo.commits[0]!);
    git(repo.dir, 'tag', 'v1.2.0', repo.commits[1]!);
    const { ctx } = setup({ command: { run: copyData } }, { repoDir: repo.dir });
    const out = await backupCreateTool.handler({}, ctx);
    expect(out.previousTag).toBe('v1.2.0');
  });

  it('falls back to the nearest tag before the release commit (git describe)', async () => {
    const repo = makeRepo([{ 'a.txt': '1' }, { 'a.txt': '2' }, { 'a.txt': '3' }]);
    git(repo.dir, 'tag', 'release-7', repo.commits[0]!);
    const { ctx, dir } = setup({ command: { run: copyData } }, { repoDir: repo.dir });
    ctx.handoff = { data: makeHandoff({ release: { version: '1.3.0', commit: repo.commits[2]!, branch: 'main' } }), file: null, dir };
    const out = await backupCreateTool.handler({}, ctx);
    expect(out.previousTag).toBe('release-7');
    expect(out.previousTagReason).toMatch(/git describe/);
  });

  it('names the backup without a version when there is no handoff', async () => {
    const { ctx } = setup({ command: { run: copyData } }, { handoff: false });
    const out = await backupCreateTool.handler({}, ctx);
    expect(out.file).toMatch(/backups\/backup_\d{4}-\d{2}-\d{2}\.bak$/);
    expect(out.version).toBeNull();
  });
});

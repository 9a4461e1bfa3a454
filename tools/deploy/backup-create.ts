/**
 * `backup_create`: run the configured backup command before a release, and record what was written
 * (file, size, SHA-256), whether a restore was checked, the previous release's git tag, and how to reverse the migrations.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ToolFailure } from '../../src/errors.js';
import { defineTool } from '../tool.js';
import { backupExtension, backupTarget } from './backup/backup-target.js';
import { fileDigest } from './backup/file-digest.js';
import { findPreviousTag } from './backup/previous-tag.js';
import { lastLines, runConfiguredCommand } from './backup/run-configured-command.js';

const RestoreCheck = z.object({
  ran: z.boolean(),
  ok: z.boolean(),
  detail: z.string(),
});

export const backupCreateTool = defineTool({
  name: 'backup_create',
  title: 'Create a pre-release backup',
  description:
    'Run the backup command configured in sre.yaml (backup.command, {{file}} = target path) BEFORE deploying to production, ' +
    'especially when the release has database migrations. Refuses an empty backup. Runs backup.restoreCheck when configured. ' +
    'Returns the backup file, its size and SHA-256, the restore check outcome, the git tag of the previous release ' +
    '(the code to go back to) and the handoff migrations with their reverse commands.',
  input: z.object({
    label: z.string().max(40).optional().describe('Short text added to the file name, e.g. "pre-migration"'),
  }),
  output: z.object({
    file: z.string().describe('Absolute path of the backup file'),
    sizeBytes: z.number().int().positive(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    version: z.string().nullable().describe('Release the backup was taken before'),
    command: z.array(z.string()),
    durationMs: z.number().nonnegative(),
    createdAt: z.string().describe('ISO 8601, UTC'),
    restoreChecked: z.boolean().describe('True only when a restore check ran and succeeded'),
    restoreCheck: RestoreCheck.nullable().describe('null when backup.restoreCheck is not configured'),
    previousTag: z.string().nullable().describe('Git tag of the previous release, or null'),
    previousTagReason: z.string().describe('How the tag was found, or why there is none'),
    migrations: z.array(z.object({ name: z.string(), apply: z.string().nullable(), reverse: z.string() })),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: false },
  handler: async (input, ctx) => {
    const backup = ctx.config.backup;
    if (!backup.command) {
      throw new ToolFailure(
        'no backup command configured: add backup.command to sre.yaml, e.g. ' +
          'backup: { command: { run: ["sqlite3", "data/app.db", ".backup {{file}}"] } } or { run: ["pg_dump", "-f", "{{file}}", "mydb"] }',
        { field: 'backup.command' },
      );
    }
    const release = ctx.handoff?.data.release ?? null;
    const now = new Date();
    const directory = resolve(ctx.configDir, backup.directory);
    mkdirSync(directory, { recursive: true });
    const file = backupTarget({
      directory,
      version: release?.version ?? null,
      extension: backupExtension(backup.command, backup.extension),
      label: input.label,
      now,
    });

    const values = { file, directory, version: release?.version ?? '', service: ctx.config.service.name };
    const result = await runConfiguredCommand(backup.command, values, ctx, 'backup.command');
    if (result.failure) {
      if (existsSync(file)) rmSync(file, { force: true }); // a partial dump must not pass for a backup
      throw new ToolFailure(`backup.command failed (${result.argv.join(' ')}): ${result.failure}: ${lastLines(result)}`, {
        field: 'backup.command',
        command: result.argv.join(' '),
      });
    }
    if (!existsSync(file)) {
      throw new ToolFailure(
        `backup.command exited 0 but wrote nothing at ${file}: the command must write the backup to the {{file}} placeholder`,
        { file, field: 'backup.command' },
      );
    }
    const digest = await fileDigest(file);
    if (digest.sizeBytes === 0) {
      rmSync(file, { force: true });
      throw new ToolFailure(`backup.command wrote an empty file at ${file} (0 bytes): refusing an empty backup`, { file, field: 'backup.command' });
    }

    let restoreCheck: z.infer<typeof RestoreCheck> | null = null;
    if (backup.restoreCheck) {
      const check = await runConfiguredCommand(backup.restoreCheck, values, ctx, 'backup.restoreCheck');
      restoreCheck = check.failure
        ? { ran: true, ok: false, detail: `${check.failure}: ${lastLines(check)}` }
        : { ran: true, ok: true, detail: `${check.argv.join(' ')} exited 0${check.stdout ? `: ${lastLines(check, 1)}` : ''}` };
      if (!restoreCheck.ok) {
        // An unrestorable backup is no backup: fail loudly, but say where the file is so a human can inspect it.
        throw new ToolFailure(`backup written at ${file} (sha256 ${digest.sha256}) but backup.restoreCheck failed: ${restoreCheck.detail}`, {
          file,
          field: 'backup.restoreCheck',
        });
      }
    }

    const previous = await findPreviousTag({
      repoDir: ctx.repoDir,
      commit: release?.commit ?? null,
      previousVersion: release?.previousVersion ?? null,
      signal: ctx.signal,
    });
    return {
      file,
      sizeBytes: digest.sizeBytes,
      sha256: digest.sha256,
      version: release?.version ?? null,
      command: result.argv,
      durationMs: result.durationMs,
      createdAt: now.toISOString(),
      restoreChecked: restoreCheck?.ok === true,
      restoreCheck,
      previousTag: previous.tag,
      previousTagReason: previous.reason,
      migrations: (ctx.handoff?.data.migrations ?? []).map((m) => ({ name: m.name, apply: m.apply ?? null, reverse: m.reverse })),
    };
  },
});

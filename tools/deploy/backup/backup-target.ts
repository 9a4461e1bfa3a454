/** Where a backup goes: `<configDir>/<backup.directory>/backup_v<version>_<UTC date>[_<label>].<ext>`, never over an existing file. */
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { CommandSpec } from '../../../schemas/config/commands.js';

/** Tools whose dump format is known, so the file gets the extension a human expects (seed: backup_v1.3.0_2025-11-09.sql). */
const KNOWN_EXTENSIONS: Record<string, string> = {
  pg_dump: 'sql',
  pg_dumpall: 'sql',
  mysqldump: 'sql',
  mariadb_dump: 'sql',
  'mariadb-dump': 'sql',
  sqlite3: 'sqlite',
  mongodump: 'archive',
};

/** The configured extension, else one guessed from the backup command's executable, else `bak`. */
export function backupExtension(command: CommandSpec, configured: string | undefined): string {
  if (configured) return configured;
  const executable = basename(command.run[0] ?? '');
  return KNOWN_EXTENSIONS[executable] ?? 'bak';
}

/** Keep labels safe as part of a file name. */
function sanitizeLabel(label: string): string {
  return label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
}

/** Absolute target path; adds the UTC time when a backup of the same day already exists (no clobbering). */
export function backupTarget(options: { directory: string; version: string | null; extension: string; label?: string; now: Date }): string {
  const day = options.now.toISOString().slice(0, 10);
  const label = options.label ? sanitizeLabel(options.label) : '';
  const stem = [options.version ? `backup_v${options.version}` : 'backup', day, label].filter(Boolean).join('_');
  const first = resolve(join(options.directory, `${stem}.${options.extension}`));
  if (!existsSync(first)) return first;
  const time = options.now.toISOString().slice(11, 19).replace(/:/g, '-');
  for (let n = 0; n < 1000; n += 1) {
    const suffix = n === 0 ? `T${time}Z` : `T${time}Z-${n}`;
    const candidate = resolve(join(options.directory, `${stem}_${suffix}.${options.extension}`));
    if (!existsSync(candidate)) return candidate;
  }
  throw new Error(`backupTarget: no free file name for ${stem} in ${options.directory}`);
}

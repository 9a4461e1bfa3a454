import { describe, expect, it } from 'vitest';
import { backupBeforeMigrationsRule } from '../../src/policy/rules/backup-before-migrations.js';
import { makeHandoff } from '../rollback/helpers/handoff.js';
import { newRun, PRODUCTION_DEPLOY } from './helpers/policy-state.js';

const withMigrations = makeHandoff({ migrations: [{ name: '0006_add_orders', reverse: 'python manage.py migrate shop 0005' }] });

describe('rule backup-before-migrations', () => {
  it('does not ask for a backup when the release has no migrations', () => {
    expect(backupBeforeMigrationsRule.check(PRODUCTION_DEPLOY, newRun().state)).toBeNull();
  });

  it('refuses a release with migrations and no backup, naming the migrations', () => {
    const run = newRun({ handoff: withMigrations });
    expect(backupBeforeMigrationsRule.check(PRODUCTION_DEPLOY, run.state)).toMatch(/has migrations \(0006_add_orders\) and no backup_create succeeded/);
  });

  it('allows it after a non-empty backup with a checksum', () => {
    const run = newRun({ handoff: withMigrations });
    run.record('backup_create', {}, { file: '/b/x.sql', sizeBytes: 2048, sha256: 'f'.repeat(64) });
    expect(backupBeforeMigrationsRule.check(PRODUCTION_DEPLOY, run.state)).toBeNull();
  });

  it('refuses when the only backup attempt failed', () => {
    const run = newRun({ handoff: withMigrations });
    run.record('backup_create', {}, undefined, false);
    expect(backupBeforeMigrationsRule.check(PRODUCTION_DEPLOY, run.state)).toMatch(/no backup_create succeeded/);
  });

  it('refuses an entry that records an empty backup', () => {
    const run = newRun({ handoff: withMigrations });
    run.record('backup_create', {}, { file: '/b/x.sql', sizeBytes: 0, sha256: 'f'.repeat(64) });
    expect(backupBeforeMigrationsRule.check(PRODUCTION_DEPLOY, run.state)).toMatch(/has no checksum or is empty/);
  });
});

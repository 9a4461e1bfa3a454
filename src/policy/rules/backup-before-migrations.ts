/** Rule: a release with database migrations reaches production only after a non-empty backup. */
import { productionGate } from './support/production-gate.js';
import { latestOk, outputOf } from './support/ledger-queries.js';

export const backupBeforeMigrationsRule = productionGate(
  'backup-before-migrations',
  'Production only after a non-empty backup_create when the handoff has migrations',
  (_action, state) => {
    const migrations = state.handoff?.migrations ?? [];
    if (migrations.length === 0) return null;
    const entry = latestOk(state.ledger, 'backup_create');
    const names = migrations.map((m) => m.name).join(', ');
    if (!entry) return `the release has migrations (${names}) and no backup_create succeeded in this run; create a backup first`;
    const output = outputOf(entry);
    if (typeof output.sha256 !== 'string' || !(Number(output.sizeBytes) > 0)) {
      return `the latest backup_create (${entry.id}) has no checksum or is empty`;
    }
    return null;
  },
);

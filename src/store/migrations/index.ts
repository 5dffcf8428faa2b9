import type { Migration, MigrationProvider } from 'kysely';
import { initial } from './0001-initial.js';
import { reportTexts } from './0002-report-texts.js';
import { alerts } from './0003-alerts.js';
import { pageHash } from './0004-page-hash.js';
import { referenceSnapshots } from './0005-reference-snapshots.js';
import { reportRetries } from './0006-report-retries.js';
import { listIndexes } from './0008-list-indexes.js';
import { eventSupersession } from './0009-event-supersession.js';
import { providerLatest } from './0010-provider-latest.js';
import { discovery } from './0011-discovery.js';
import { webhookSecrets } from './0012-webhook-secrets.js';
import type { MigrationStep, SqlDialect } from './migration-step.js';

export { textType, type MigrationStep, type SqlDialect } from './migration-step.js';

// Listed here rather than discovered on disk, so migrations work the same from src/ (tsx) and dist/.
// Names sort in application order; never rename or edit a released one, add the next number instead.
const MIGRATIONS: ReadonlyArray<readonly [name: string, step: MigrationStep]> = [
  ['0001-initial', initial],
  ['0002-report-texts', reportTexts],
  ['0003-alerts', alerts],
  ['0004-page-hash', pageHash],
  ['0005-reference-snapshots', referenceSnapshots],
  ['0006-report-retries', reportRetries],
  ['0008-list-indexes', listIndexes],
  ['0009-event-supersession', eventSupersession],
  ['0010-provider-latest', providerLatest],
  ['0011-discovery', discovery],
  ['0012-webhook-secrets', webhookSecrets],
];

/** Kysely migration provider over the static list above, bound to one dialect. */
export function migrationProvider(dialect: SqlDialect): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return Object.fromEntries(MIGRATIONS.map(([name, step]) => [name, { up: (db) => step.up(db, dialect) }]));
    },
  };
}

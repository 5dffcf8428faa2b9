import { textType, type MigrationStep } from './migration-step.js';

/**
 * Events that a report arriving out of order no longer lets stand (`superseded_by`: that report's file id),
 * and events that restate what such an event already told (`restates`: its id), which alert nobody.
 */
export const eventSupersession: MigrationStep = {
  async up(db, dialect) {
    await db.schema.alterTable('events').addColumn('superseded_by', textType(dialect)).execute();
    await db.schema.alterTable('events').addColumn('restates', textType(dialect)).execute();
  },
};

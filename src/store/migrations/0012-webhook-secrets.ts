import { randomBytes } from 'node:crypto';
import { textType, type MigrationStep } from './migration-step.js';

/**
 * Signed webhooks (issue 13): each webhook subscription keeps the Standard Webhooks secret its messages are
 * signed with. Webhooks subscribed before get one here, one per target URL (a receiver checks one secret),
 * so every webhook from now on is signed. It was never shown to their owners: the operator hands it over
 * from the database (README, "Signed webhooks").
 */
export const webhookSecrets: MigrationStep = {
  async up(db, dialect) {
    await db.schema.alterTable('subscriptions').addColumn('signing_secret', textType(dialect)).execute();
    const targets: Array<{ target: string }> = await db
      .selectFrom('subscriptions')
      .select('target')
      .distinct()
      .where('channel', '=', 'webhook')
      .execute();
    for (const { target } of targets) {
      // Written out here rather than imported: a migration stays as it was when released.
      const secret = `whsec_${randomBytes(32).toString('base64')}`;
      await db.updateTable('subscriptions').set({ signing_secret: secret }).where('channel', '=', 'webhook').where('target', '=', target).execute();
    }
  },
};

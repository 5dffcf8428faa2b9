import { sql } from 'kysely';
import { textType, type MigrationStep } from './migration-step.js';

/**
 * Alerts (issue 5): subscriptions, the outbox every message goes through, each URN's run of failed
 * scrapes, named settings, and a mark on each event once its messages are queued.
 */
export const alerts: MigrationStep = {
  async up(db, dialect) {
    const text = textType(dialect);

    await db.schema
      .createTable('subscriptions')
      .addColumn('id', text, (c) => c.primaryKey())
      .addColumn('channel', text, (c) => c.notNull())
      .addColumn('target', text, (c) => c.notNull())
      .addColumn('scope', text, (c) => c.notNull())
      // '' rather than NULL for scope `all`: UNIQUE treats NULLs as distinct, so two `all`
      // subscriptions of one target would not conflict and subscribing twice would keep both.
      .addColumn('value', text, (c) => c.notNull())
      .addColumn('events_json', text, (c) => c.notNull())
      .addColumn('mode', text, (c) => c.notNull())
      .addColumn('created_at', text, (c) => c.notNull())
      .addUniqueConstraint('subscriptions_identity', ['channel', 'target', 'scope', 'value'])
      .addCheckConstraint('subscriptions_channel_check', sql`channel in ('email', 'webhook')`)
      .addCheckConstraint('subscriptions_scope_check', sql`scope in ('urn', 'owner', 'la', 'all')`)
      .addCheckConstraint('subscriptions_value_check', sql`(scope = 'all') = (value = '')`)
      .addCheckConstraint('subscriptions_mode_check', sql`mode in ('immediate', 'digest')`)
      .execute();

    // The key is the idempotency key (UNIQUE); seq, like events.seq, records insertion order.
    await db.schema
      .createTable('outbox_messages')
      .addColumn('seq', 'integer', (c) =>
        dialect === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
      )
      .addColumn('key', text, (c) => c.notNull().unique())
      .addColumn('kind', text, (c) => c.notNull())
      .addColumn('event_id', text)
      .addColumn('subscription_id', text)
      .addColumn('channel', text, (c) => c.notNull())
      .addColumn('recipient', text, (c) => c.notNull())
      .addColumn('subject', text, (c) => c.notNull())
      .addColumn('body_text', text, (c) => c.notNull())
      .addColumn('body_html', text)
      .addColumn('status', text, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', text, (c) => c.notNull())
      .addColumn('last_error', text)
      .addColumn('message_id', text, (c) => c.notNull())
      .addColumn('unsubscribe_url', text)
      .addColumn('digest_key', text)
      .addColumn('created_at', text, (c) => c.notNull())
      .addColumn('sent_at', text)
      .addColumn('lease_until', text)
      .addCheckConstraint('outbox_messages_kind_check', sql`kind in ('event', 'digest', 'operator')`)
      .addCheckConstraint('outbox_messages_channel_check', sql`channel in ('email', 'webhook')`)
      .addCheckConstraint(
        'outbox_messages_status_check',
        sql`status in ('pending', 'held', 'digested', 'sent', 'rejected', 'failed')`,
      )
      .execute();
    await db.schema
      .createIndex('outbox_messages_due')
      .on('outbox_messages')
      .columns(['status', 'next_attempt_at'])
      .execute();
    await db.schema.createIndex('outbox_messages_event_id').on('outbox_messages').column('event_id').execute();
    await db.schema
      .createIndex('outbox_messages_held')
      .on('outbox_messages')
      .column('seq')
      .where(sql<boolean>`status = 'held'`)
      .execute();

    await db.schema
      .createTable('scrape_health')
      .addColumn('urn', text, (c) => c.primaryKey())
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failing_since', text)
      .addColumn('last_error', text)
      .addColumn('alerted_at', text)
      .execute();

    await db.schema
      .createTable('settings')
      .addColumn('name', text, (c) => c.primaryKey())
      .addColumn('value', text, (c) => c.notNull())
      .execute();

    await db.schema.alterTable('events').addColumn('alerts_planned_at', text).execute();
    // Events raised before alerts existed count as planned: otherwise the first planner run after an
    // upgrade would mail every subscriber about years of old declines.
    await db
      .updateTable('events')
      .set({ alerts_planned_at: new Date().toISOString() })
      .execute();
    await db.schema
      .createIndex('events_unplanned')
      .on('events')
      .column('seq')
      .where(sql<boolean>`alerts_planned_at is null and backfill = 0`)
      .execute();
  },
};

import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * Mail in its reader's language, with an HTML part: `outbox.locale` records the language a message
 * is written in (`en`, `ar`, `fr`; null for mail queued before), and `outbox.html`, in the table
 * since 0001 but never written until now, holds the HTML part (added here if a database lacks it).
 */
const up_statements = [
  `ALTER TABLE outbox ADD COLUMN IF NOT EXISTS html text`,
  `ALTER TABLE outbox ADD COLUMN locale text CHECK (locale IN ('en', 'ar', 'fr'))`,
];

const down_statements = [`ALTER TABLE outbox DROP COLUMN IF EXISTS locale`];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

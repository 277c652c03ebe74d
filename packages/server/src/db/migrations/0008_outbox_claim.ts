import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * `outbox.claimed_until`: an instance delivering mail claims a batch first (mail.ts), so two
 * instances sharing one database never send the same message twice; a claim left by an instance
 * that died mid-batch lapses and another instance sends the message then.
 */
const up_statements = [
  `ALTER TABLE outbox ADD COLUMN claimed_until timestamptz`,
  `CREATE INDEX outbox_unsent_idx ON outbox (created_at) WHERE sent_at IS NULL`,
];

const down_statements = [
  `DROP INDEX IF EXISTS outbox_unsent_idx`,
  `ALTER TABLE outbox DROP COLUMN IF EXISTS claimed_until`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

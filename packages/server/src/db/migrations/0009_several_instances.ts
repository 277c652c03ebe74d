import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * What several instances sharing one database need:
 * - `outbox.claimed_until`: an instance delivering mail claims a batch first (mail.ts), so two
 *   instances never send the same message twice; a claim left by an instance that died mid-batch
 *   lapses and another instance sends the message then.
 * - `directory_state.directory_id`: names this database's directory in the answer cache that
 *   instances share through Redis, so two databases behind one Redis (staging and production, or
 *   test runs) never see each other's answers at equal versions.
 */
const up_statements = [
  `ALTER TABLE directory_state ADD COLUMN directory_id uuid NOT NULL DEFAULT gen_random_uuid()`,
  `ALTER TABLE outbox ADD COLUMN claimed_until timestamptz`,
  `CREATE INDEX outbox_unsent_idx ON outbox (created_at) WHERE sent_at IS NULL`,
];

const down_statements = [
  `DROP INDEX IF EXISTS outbox_unsent_idx`,
  `ALTER TABLE outbox DROP COLUMN IF EXISTS claimed_until`,
  `ALTER TABLE directory_state DROP COLUMN IF EXISTS directory_id`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

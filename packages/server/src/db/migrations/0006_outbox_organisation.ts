import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * `outbox.organisation_id`: the organisation whose key, event or campaign caused the message, so
 * `listOutbox` shows each organisation only its own mail (verification and cancel links included).
 * Mail queued before this migration has none and is listed to no one.
 */
const up_statements = [
  `ALTER TABLE outbox ADD COLUMN organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL`,
  `CREATE INDEX outbox_organisation_created_idx ON outbox (organisation_id, created_at)`,
];

const down_statements = [
  `DROP INDEX IF EXISTS outbox_organisation_created_idx`,
  `ALTER TABLE outbox DROP COLUMN IF EXISTS organisation_id`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * `api_keys.last_used_at`: when the key last authenticated a request. Written by the key store at
 * most once a minute per key and server instance (see `KeyStore.touch`), so it is accurate to about
 * a minute, never per request.
 */
const up_statements = [`ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz`];

const down_statements = [`ALTER TABLE api_keys DROP COLUMN IF EXISTS last_used_at`];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

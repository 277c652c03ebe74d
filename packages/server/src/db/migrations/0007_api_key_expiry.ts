import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * `api_keys.expires_at`: when a key stops working, chosen when it is created (`createApiKey`);
 * null for a key that works until it is revoked. The key store compares it with the clock on every
 * request, so an expired key is refused at once on every instance, not after the 30 s cache.
 */
const up_statements = [`ALTER TABLE api_keys ADD COLUMN expires_at timestamptz`];

const down_statements = [`ALTER TABLE api_keys DROP COLUMN IF EXISTS expires_at`];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

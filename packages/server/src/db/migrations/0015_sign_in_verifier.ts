import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * A member's sign-in code works only with the verifier of the browser that asked for it
 * (`member_sign_in_codes.verifier_hash`, the SHA-256 the sign-in request sent): a mailed link that is
 * opened elsewhere, or carried off by a redirect on the chapter's site, signs no one in. Codes issued
 * before this migration have no verifier and cannot be exchanged (they lapse within 15 minutes anyway).
 */
const up_statements = [
  `ALTER TABLE member_sign_in_codes ADD COLUMN verifier_hash text NOT NULL DEFAULT ''`,
  `ALTER TABLE member_sign_in_codes ALTER COLUMN verifier_hash DROP DEFAULT`,
];

const down_statements = [`ALTER TABLE member_sign_in_codes DROP COLUMN IF EXISTS verifier_hash`];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

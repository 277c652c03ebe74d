import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * Donations: where hosted checkout sends the donor back (`returnUrl`, remembered between
 * `createDonation` and the provider's redirect), and a sequence for receipt numbers, so two
 * webhooks succeeding at once never draw the same number.
 */
const up_statements = [
  `ALTER TABLE donations ADD COLUMN return_url text CHECK (return_url IS NULL OR length(return_url) <= 2048)`,
  `CREATE SEQUENCE donation_receipt_seq`,
];

const down_statements = [
  `DROP SEQUENCE IF EXISTS donation_receipt_seq`,
  `ALTER TABLE donations DROP COLUMN IF EXISTS return_url`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * Professionals: an audit trail of review decisions (who decided what, when, with which note; the
 * latest note is the profile's `reviewNote`), and an index so used signup challenges can be purged
 * once they have expired.
 */
const up_statements = [
  `CREATE TABLE professional_reviews (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    professional_id uuid NOT NULL REFERENCES professionals (id) ON DELETE CASCADE,
    organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
    api_key_id uuid REFERENCES api_keys (id) ON DELETE SET NULL,
    decision text NOT NULL CHECK (decision IN ('verify', 'reject', 'suspend')),
    from_status text NOT NULL,
    to_status text NOT NULL,
    note text CHECK (length(note) <= 2000),
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX professional_reviews_professional_idx ON professional_reviews (professional_id, created_at)`,
  `CREATE INDEX signup_challenges_expires_idx ON signup_challenges (expires_at)`,
];

const down_statements = [
  'DROP INDEX IF EXISTS signup_challenges_expires_idx',
  'DROP TABLE IF EXISTS professional_reviews',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

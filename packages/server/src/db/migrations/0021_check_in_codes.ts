import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * Check-in at events (issue 16, item 4): every registration gets a check-in code, mailed with the
 * confirmation (as text and as a QR code) and written into the registrant's `.ics`. Twelve characters
 * of Crockford's base32 (no I, L, O or U, so a typed code is unambiguous), 60 random bits taken from
 * `gen_random_uuid()` (the random digits of a version-4 UUID, around its version digit). A column
 * default, so every writer of registrations (the API, the seed) gets one without a change, and the
 * registrations made before this migration get theirs here. Attendance itself stays in `attended` /
 * `attended_at`, the columns the engagement report counts.
 */
const up_statements = [
  `CREATE FUNCTION mahjar_check_in_code() RETURNS text LANGUAGE sql VOLATILE
    RETURN (SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((r.bits >> (55 - 5 * i)) & 31)::int + 1, 1), '' ORDER BY i)
            FROM (SELECT ('x' || substr(u, 1, 12) || substr(u, 14, 3))::bit(60)::bigint AS bits
                  FROM (SELECT replace(gen_random_uuid()::text, '-', '') AS u) g) r,
                 generate_series(0, 11) i)`,
  `ALTER TABLE registrations ADD COLUMN check_in_code text NOT NULL DEFAULT mahjar_check_in_code()
    CHECK (check_in_code ~ '^[0-9A-HJKMNP-TV-Z]{12}$')`,
  'CREATE UNIQUE INDEX registrations_check_in_code_idx ON registrations (check_in_code)',
];

const down_statements = [
  'DROP INDEX IF EXISTS registrations_check_in_code_idx',
  'ALTER TABLE registrations DROP COLUMN IF EXISTS check_in_code',
  'DROP FUNCTION IF EXISTS mahjar_check_in_code()',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

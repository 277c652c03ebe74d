import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * Credential review (issue 16, item 3). `professional_credentials` holds one row per credential a
 * professional states, with its review: `pending → verified | rejected`, `verified → expired` once
 * `expires_on` has passed (the server's sweep), the latest decision's reviewer (the API key; a user
 * id once admins are people), the evidence they noted, and when the expiry reminder was queued.
 * `professional_credential_changes` keeps every transition, the sweep's included.
 *
 * `professionals.credentials` stays what the professional stated and what every reader already reads
 * (the directory card, the member's own profile, need matching): its `verification` is the row's
 * state, written back by the decision and the sweep. Updating that column updates the professional,
 * so the directory's triggers raise its version and every cached answer goes, as a review does.
 * The rows follow the column: a trigger adds a row for each credential stated (by its identity:
 * kind, name, issuer, country, year; `pending` unless the column says otherwise) and removes those
 * no longer stated, so signup, profile edits and the seed need no change.
 */
const IDENTITY = `(professional_id, kind, name, issuer, country, (coalesce(year, 0)))`;

const sameCredential = (row: string, json: string) => `${row}.kind = ${json} ->> 'kind'
      AND ${row}.name = ${json} ->> 'name' AND ${row}.issuer = ${json} ->> 'issuer'
      AND ${row}.country = ${json} ->> 'country'
      AND coalesce(${row}.year, 0) = coalesce((${json} ->> 'year')::int, 0)`;

/** Adds a row for each credential the professionals of `source` state that has none yet (and keeps their order). */
const insertStated = (source: string) => `
    INSERT INTO professional_credentials (professional_id, position, kind, name, issuer, country, year, state)
      SELECT DISTINCT ON (s.id, c ->> 'kind', c ->> 'name', c ->> 'issuer', c ->> 'country', coalesce((c ->> 'year')::int, 0))
             s.id, o.n::int, c ->> 'kind', c ->> 'name', c ->> 'issuer', c ->> 'country', (c ->> 'year')::int,
             CASE WHEN c ->> 'verification' IN ('verified', 'rejected') THEN c ->> 'verification' ELSE 'pending' END
      FROM ${source} s CROSS JOIN LATERAL jsonb_array_elements(s.credentials) WITH ORDINALITY AS o (c, n)
      ORDER BY s.id, c ->> 'kind', c ->> 'name', c ->> 'issuer', c ->> 'country', coalesce((c ->> 'year')::int, 0), o.n
      ON CONFLICT ${IDENTITY} DO UPDATE SET position = EXCLUDED.position
        WHERE professional_credentials.position IS DISTINCT FROM EXCLUDED.position`;

const up_statements = [
  `CREATE TABLE professional_credentials (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    professional_id uuid NOT NULL REFERENCES professionals (id) ON DELETE CASCADE,
    position integer NOT NULL,
    kind text NOT NULL CHECK (kind IN ('board_certification', 'licence')),
    name text NOT NULL,
    issuer text NOT NULL,
    country text NOT NULL,
    year integer,
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'verified', 'rejected', 'expired')),
    evidence text CHECK (char_length(evidence) <= 2000),
    expires_on date,
    reviewed_by_key_id uuid REFERENCES api_keys (id) ON DELETE SET NULL,
    reviewed_by_user_id uuid,
    reviewed_at timestamptz,
    expiry_reminder_sent_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (state <> 'expired' OR expires_on IS NOT NULL)
  )`,
  `CREATE UNIQUE INDEX professional_credentials_identity_idx ON professional_credentials ${IDENTITY}`,
  // what the sweep looks for: verified credentials with an expiry date
  `CREATE INDEX professional_credentials_expiry_idx ON professional_credentials (expires_on)
    WHERE state = 'verified' AND expires_on IS NOT NULL`,
  `CREATE TABLE professional_credential_changes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    credential_id uuid NOT NULL REFERENCES professional_credentials (id) ON DELETE CASCADE,
    from_state text NOT NULL,
    to_state text NOT NULL,
    api_key_id uuid REFERENCES api_keys (id) ON DELETE SET NULL,
    user_id uuid,
    evidence text,
    expires_on date,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX professional_credential_changes_credential_idx ON professional_credential_changes (credential_id, created_at)`,

  `CREATE FUNCTION mahjar_credentials_stated() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    DELETE FROM professional_credentials pc USING stated s
      WHERE pc.professional_id = s.id
        AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(s.credentials) c WHERE ${sameCredential('pc', 'c')});
    ${insertStated('stated')};
    RETURN NULL;
  END
  $fn$`,
  `CREATE TRIGGER professionals_credentials_insert AFTER INSERT ON professionals
    REFERENCING NEW TABLE AS stated FOR EACH STATEMENT EXECUTE FUNCTION mahjar_credentials_stated()`,
  `CREATE TRIGGER professionals_credentials_update AFTER UPDATE ON professionals
    REFERENCING NEW TABLE AS stated FOR EACH STATEMENT EXECUTE FUNCTION mahjar_credentials_stated()`,
  // the credentials stated before this migration, with the state the column gave them
  insertStated('professionals'),
];

const down_statements = [
  'DROP TRIGGER IF EXISTS professionals_credentials_update ON professionals',
  'DROP TRIGGER IF EXISTS professionals_credentials_insert ON professionals',
  'DROP FUNCTION IF EXISTS mahjar_credentials_stated()',
  'DROP TABLE IF EXISTS professional_credential_changes',
  'DROP TABLE IF EXISTS professional_credentials',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

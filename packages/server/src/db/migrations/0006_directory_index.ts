import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * What the in-process directory index (db/directory-index.ts) needs from the database, and the one
 * public view of a professional.
 *
 * `directory_changes`: which professionals' directory rows each version of `directory_state` changed,
 * written by the statement trigger that raises the version. The version is raised under the row lock
 * of `directory_state`, held until commit, so versions are handed out in commit order: a reader that
 * sees version V in one snapshot also sees every change logged at or below V. An instance whose index
 * is at version I catches up by re-reading the rows logged in (I, V]. The log keeps the last
 * LOG_KEPT versions; `directory_state.log_from` says from which version it is complete (a reader
 * older than that, or a TRUNCATE, rebuilds from scratch).
 *
 * `mahjar_directory_card(professionals)`: a professional as the public directory shows it (only the
 * fields whose visibility is `public`, full offers included), decided here for every reader: the
 * search statement returns these cards, so no code path turns stored fields into public ones.
 */
const LOG_KEPT = 10_000;

const CARD_FIELDS: [string, string][] = [
  ['title', 'p.title'],
  ['profession', 'p.profession'],
  ['givenName', 'p.given_name'],
  ['familyName', 'p.family_name'],
  ['givenNameAr', 'p.given_name_ar'],
  ['familyNameAr', 'p.family_name_ar'],
  ['specialties', 'to_jsonb(p.specialties)'],
  ['country', 'p.country'],
  ['city', 'p.city'],
  ['languages', 'to_jsonb(p.languages)'],
  ['chapters', 'to_jsonb(p.chapters)'],
  ['offers', 'p.offers'],
];

/** The card as this migration defines it (0008 derives it from the full public profile; its `down` restores this). */
export const directoryCardFunction = `mahjar_directory_card(p professionals) RETURNS jsonb
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN jsonb_strip_nulls(jsonb_build_object('id', p.id, ${CARD_FIELDS.map(
      ([field, value]) => `'${field}', CASE WHEN p.visibility ->> '${field}' = 'public' THEN ${value} END`,
    ).join(', ')}))`;

const up_statements = [
  `CREATE TABLE directory_changes (
    version bigint NOT NULL,
    professional_id uuid NOT NULL
  )`,
  'CREATE INDEX directory_changes_version_idx ON directory_changes (version)',
  // changes before this migration were not logged: an index older than today's version rebuilds
  'ALTER TABLE directory_state ADD COLUMN log_from bigint NOT NULL DEFAULT 0',
  'UPDATE directory_state SET log_from = version',

  `CREATE FUNCTION mahjar_directory_entries_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
  DECLARE v bigint;
  BEGIN
    IF EXISTS (SELECT 1 FROM changed_rows) THEN
      UPDATE directory_state SET version = version + 1 RETURNING version INTO v;
      INSERT INTO directory_changes (version, professional_id)
        SELECT DISTINCT v, professional_id FROM changed_rows;
      IF v % 1000 = 0 THEN
        DELETE FROM directory_changes WHERE version <= v - ${LOG_KEPT};
        UPDATE directory_state SET log_from = greatest(log_from, v - ${LOG_KEPT});
      END IF;
    END IF;
    RETURN NULL;
  END
  $fn$`,
  // a TRUNCATE logs nothing row by row: whoever is behind starts again
  `CREATE OR REPLACE FUNCTION mahjar_directory_truncated() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    UPDATE directory_state SET version = version + 1, log_from = version + 1;
    RETURN NULL;
  END
  $fn$`,
  ...(
    [
      ['insert', 'INSERT', 'NEW'],
      ['update', 'UPDATE', 'NEW'],
      ['delete', 'DELETE', 'OLD'],
    ] as const
  ).flatMap(([name, event, side]) => [
    `DROP TRIGGER directory_entries_directory_version_${name} ON directory_entries`,
    `CREATE TRIGGER directory_entries_directory_version_${name} AFTER ${event} ON directory_entries
      REFERENCING ${side} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION mahjar_directory_entries_changed()`,
  ]),
  // chapter names label the directory's facets: a renamed chapter is a new directory answer
  `CREATE FUNCTION mahjar_directory_labels_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    UPDATE directory_state SET version = version + 1;
    RETURN NULL;
  END
  $fn$`,
  `CREATE TRIGGER organisations_directory_version AFTER INSERT OR UPDATE OR DELETE ON organisations
    FOR EACH STATEMENT EXECUTE FUNCTION mahjar_directory_labels_changed()`,

  `CREATE FUNCTION ${directoryCardFunction}`,
];

const down_statements = [
  'DROP FUNCTION IF EXISTS mahjar_directory_card(professionals)',
  'DROP TRIGGER IF EXISTS organisations_directory_version ON organisations',
  'DROP FUNCTION IF EXISTS mahjar_directory_labels_changed()',
  ...['insert', 'update', 'delete'].flatMap((name) => [
    `DROP TRIGGER IF EXISTS directory_entries_directory_version_${name} ON directory_entries`,
    `CREATE TRIGGER directory_entries_directory_version_${name} AFTER ${name.toUpperCase()} ON directory_entries
      REFERENCING ${name === 'delete' ? 'OLD' : 'NEW'} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION mahjar_directory_rows_changed()`,
  ]),
  `CREATE OR REPLACE FUNCTION mahjar_directory_truncated() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    UPDATE directory_state SET version = version + 1;
    RETURN NULL;
  END
  $fn$`,
  'DROP FUNCTION IF EXISTS mahjar_directory_entries_changed()',
  'ALTER TABLE directory_state DROP COLUMN IF EXISTS log_from',
  'DROP TABLE IF EXISTS directory_changes',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

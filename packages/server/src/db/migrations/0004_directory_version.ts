import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * `directory_state.version`: a counter raised by every statement that changes a directory answer:
 * one that writes rows of `directory_entries` (kept from verified professionals by the triggers of
 * migration 0002, which also carry each change of their offers), or that touches the specialty
 * taxonomy (names and sub-specialties). The server keeps recent search answers while the version they
 * were computed at is still current, so the page everybody opens first (the unfiltered directory)
 * costs one primary-key read instead of a search. Statement triggers with transition tables: a bulk
 * import raises it once, and a statement that wrote no directory row (a pending signup, an e-mail
 * verification, a review note) leaves the answers cached.
 */
const EVENTS = [
  ['insert', 'INSERT', 'NEW'],
  ['update', 'UPDATE', 'NEW'],
  ['delete', 'DELETE', 'OLD'],
] as const;
const TABLES = ['directory_entries', 'specialties'] as const;

const up_statements = [
  `CREATE TABLE directory_state (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint NOT NULL DEFAULT 0
  )`,
  'INSERT INTO directory_state DEFAULT VALUES',
  `CREATE FUNCTION mahjar_directory_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    IF EXISTS (SELECT 1 FROM changed_rows) THEN
      UPDATE directory_state SET version = version + 1;
    END IF;
    RETURN NULL;
  END
  $fn$`,
  `CREATE FUNCTION mahjar_directory_truncated() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    UPDATE directory_state SET version = version + 1;
    RETURN NULL;
  END
  $fn$`,
  ...TABLES.flatMap((t) => [
    ...EVENTS.map(
      ([name, event, side]) => `CREATE TRIGGER ${t}_directory_version_${name} AFTER ${event} ON ${t}
        REFERENCING ${side} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION mahjar_directory_rows_changed()`,
    ),
    `CREATE TRIGGER ${t}_directory_version_truncate AFTER TRUNCATE ON ${t}
      FOR EACH STATEMENT EXECUTE FUNCTION mahjar_directory_truncated()`,
  ]),
];

const down_statements = [
  ...TABLES.flatMap((t) => [
    ...EVENTS.map(([name]) => `DROP TRIGGER IF EXISTS ${t}_directory_version_${name} ON ${t}`),
    `DROP TRIGGER IF EXISTS ${t}_directory_version_truncate ON ${t}`,
  ]),
  'DROP FUNCTION IF EXISTS mahjar_directory_truncated()',
  'DROP FUNCTION IF EXISTS mahjar_directory_rows_changed()',
  'DROP TABLE IF EXISTS directory_state',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

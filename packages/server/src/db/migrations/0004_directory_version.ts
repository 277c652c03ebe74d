import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * `directory_state.version`: a counter raised by every statement that can change a directory
 * answer (professionals, their directory entries, the specialty taxonomy). The server keeps recent
 * search answers while the version they were computed at is still current, so the page everybody
 * opens first (the unfiltered directory) costs one primary-key read instead of a search. Statement
 * triggers, so a bulk import raises it once; a statement that changes nothing raises it too, which
 * only costs a cache miss.
 */
const up_statements = [
  `CREATE TABLE directory_state (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    version bigint NOT NULL DEFAULT 0
  )`,
  'INSERT INTO directory_state DEFAULT VALUES',
  `CREATE FUNCTION mahjar_directory_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    UPDATE directory_state SET version = version + 1;
    RETURN NULL;
  END
  $fn$`,
  ...['professionals', 'directory_entries', 'specialties'].flatMap((t) => [
    `CREATE TRIGGER ${t}_directory_version AFTER INSERT OR UPDATE OR DELETE ON ${t}
      FOR EACH STATEMENT EXECUTE FUNCTION mahjar_directory_changed()`,
    `CREATE TRIGGER ${t}_directory_version_truncate AFTER TRUNCATE ON ${t}
      FOR EACH STATEMENT EXECUTE FUNCTION mahjar_directory_changed()`,
  ]),
];

const down_statements = [
  ...['professionals', 'directory_entries', 'specialties'].flatMap((t) => [
    `DROP TRIGGER IF EXISTS ${t}_directory_version ON ${t}`,
    `DROP TRIGGER IF EXISTS ${t}_directory_version_truncate ON ${t}`,
  ]),
  'DROP FUNCTION IF EXISTS mahjar_directory_changed()',
  'DROP TABLE IF EXISTS directory_state',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * The chapters that accepted a professional (`chapter_acceptances`): the only chapters whose `members`
 * audience a signed-in member joins. A member can add a chapter from their account at any time, but
 * that alone must not show them what the chapter's members share with members: a chapter is accepted
 * when a reviewer verifies the professional (every chapter they are in at that moment) and stays
 * accepted while they remain in it. A chapter joined later counts once a reviewer verifies the
 * professional again.
 *
 * Kept by a trigger, so every way a professional is written (signup, review, the account, the seed)
 * follows the rule: becoming verified accepts the current chapters; leaving a chapter drops it.
 * Existing verified professionals start with their current chapters. (A table of its own rather than
 * a column: the directory's SQL functions take the `professionals` row type, which a new column would
 * force to be dropped and created again.)
 */
const up_statements = [
  `CREATE TABLE chapter_acceptances (
     professional_id uuid NOT NULL REFERENCES professionals (id) ON DELETE CASCADE,
     chapter text NOT NULL,
     PRIMARY KEY (professional_id, chapter)
   )`,
  `INSERT INTO chapter_acceptances (professional_id, chapter)
   SELECT p.id, c FROM professionals p, unnest(p.chapters) AS c WHERE p.status = 'verified' ON CONFLICT DO NOTHING`,
  `CREATE FUNCTION mahjar_accepted_chapters() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NEW.status = 'verified' AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'verified') THEN
       INSERT INTO chapter_acceptances (professional_id, chapter)
       SELECT NEW.id, c FROM unnest(NEW.chapters) AS c ON CONFLICT DO NOTHING;
     END IF;
     IF TG_OP = 'UPDATE' THEN
       DELETE FROM chapter_acceptances WHERE professional_id = NEW.id AND NOT (chapter = ANY (NEW.chapters));
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER professionals_accepted_chapters AFTER INSERT OR UPDATE OF status, chapters ON professionals
   FOR EACH ROW EXECUTE FUNCTION mahjar_accepted_chapters()`,
];

const down_statements = [
  `DROP TRIGGER IF EXISTS professionals_accepted_chapters ON professionals`,
  `DROP FUNCTION IF EXISTS mahjar_accepted_chapters()`,
  `DROP TABLE IF EXISTS chapter_acceptances`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

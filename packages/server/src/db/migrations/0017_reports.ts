import type { Kysely } from 'kysely';
import { runStatements } from './0001_core.js';

/**
 * The quarterly report's narrative, and what the report reads of each professional (issue 17, item 5).
 *
 * `report_narratives`: the coordinator's milestones, outcomes and challenges, one row per
 * organisation and quarter (`2026-Q3`), each list a JSON array as the contract's
 * `ReportNarrativeInput` has it. `putReportNarrative` replaces the row as a whole.
 *
 * `report_members`: one narrow row per professional with exactly what the report counts (status and
 * its moments, country, specialties, chapters, ministries, and the priority area of each offer), so
 * the report's aggregates over 100,000 profiles read a small table instead of the wide profile rows
 * and their JSON (a quarter's report read `professionals` six times and took well over a second).
 * Kept by statement triggers on `professionals`, like `need_match_entries` (0013), so every way a
 * profile is written (signup, review, consent, the account, the seed) keeps it current. The
 * indexes on the three moments let a quarter's signups be counted from that quarter's rows alone.
 */
const copy = (source: string) => `
  INSERT INTO report_members
    (professional_id, status, created_at, email_verified_at, verified_at, country, specialties, chapters,
     ministries, offer_areas)
  SELECT p.id, p.status, p.created_at, p.email_verified_at, p.verified_at, p.country, p.specialties, p.chapters,
    p.ministries,
    ARRAY(SELECT o ->> 'priorityArea' FROM jsonb_array_elements(p.offers) o WHERE o ->> 'priorityArea' IS NOT NULL)
  FROM ${source} p`;

const up_statements = [
  `CREATE TABLE report_narratives (
    organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    quarter text NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
    milestones jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(milestones) = 'array'),
    outcomes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(outcomes) = 'array'),
    challenges jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(challenges) = 'array'),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (organisation_id, quarter)
  )`,
  `CREATE TABLE report_members (
    professional_id uuid PRIMARY KEY REFERENCES professionals (id) ON DELETE CASCADE,
    status text NOT NULL,
    created_at timestamptz NOT NULL,
    email_verified_at timestamptz,
    verified_at timestamptz,
    country text NOT NULL,
    specialties text[] NOT NULL,
    chapters text[] NOT NULL,
    ministries text[] NOT NULL,
    offer_areas text[] NOT NULL
  )`,
  `CREATE INDEX report_members_created_idx ON report_members (created_at)`,
  `CREATE INDEX report_members_email_verified_idx ON report_members (email_verified_at)`,
  `CREATE INDEX report_members_verified_idx ON report_members (verified_at)`,
  `CREATE FUNCTION mahjar_report_members_sync() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN
    DELETE FROM report_members m USING changed c WHERE m.professional_id = c.id;
    ${copy('changed')};
    RETURN NULL;
  END
  $fn$`,
  `CREATE TRIGGER professionals_report_members_insert AFTER INSERT ON professionals
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mahjar_report_members_sync()`,
  `CREATE TRIGGER professionals_report_members_update AFTER UPDATE ON professionals
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION mahjar_report_members_sync()`,
  copy('professionals'),
  'ANALYZE report_members',
];

const down_statements = [
  'DROP TRIGGER IF EXISTS professionals_report_members_update ON professionals',
  'DROP TRIGGER IF EXISTS professionals_report_members_insert ON professionals',
  'DROP FUNCTION IF EXISTS mahjar_report_members_sync()',
  'DROP TABLE IF EXISTS report_members',
  'DROP TABLE IF EXISTS report_narratives',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, up_statements);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, down_statements);
}

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
 *
 * `report_member_counts`: the verified members counted ahead, per scope (`*` for everyone,
 * `chapter:<slug>` and `ministry:<slug>` for each chapter and ministry a member names), kind
 * (`country`, `specialty`, `area` of an offer), code and month of verification (UTC; `infinity` when
 * unknown). "Verified at the end of a quarter" is then a sum over the months before it, whatever the
 * number of profiles: even on the narrow table, three passes over 65,000 verified members were most of
 * the report's time. Kept exact by statement triggers on `professionals` that add what the new rows
 * count and take away what the old rows counted (a row only where the sum changes, in key order).
 */
const copy = (source: string) => `
  INSERT INTO report_members
    (professional_id, status, created_at, email_verified_at, verified_at, country, specialties, chapters,
     ministries, offer_areas)
  SELECT p.id, p.status, p.created_at, p.email_verified_at, p.verified_at, p.country, p.specialties, p.chapters,
    p.ministries,
    ARRAY(SELECT o ->> 'priorityArea' FROM jsonb_array_elements(p.offers) o WHERE o ->> 'priorityArea' IS NOT NULL)
  FROM ${source} p`;

/** What the professionals in `source` count in `report_member_counts`, each with `sign`. */
const contributions = (source: string, sign: 1 | -1) => `
  SELECT scope, kind, code, month, ${sign} AS n
  FROM ${source} p
  CROSS JOIN LATERAL (SELECT coalesce(date_trunc('month', p.verified_at AT TIME ZONE 'UTC')::date, 'infinity') AS month) t
  CROSS JOIN LATERAL (SELECT '*' AS scope
                      UNION ALL SELECT 'chapter:' || c FROM unnest(p.chapters) c
                      UNION ALL SELECT 'ministry:' || m FROM unnest(p.ministries) m) s
  CROSS JOIN LATERAL (SELECT 'country' AS kind, p.country AS code
                      UNION ALL SELECT 'specialty', x FROM unnest(p.specialties) x
                      UNION ALL SELECT 'area', o ->> 'priorityArea' FROM jsonb_array_elements(p.offers) o
                                WHERE o ->> 'priorityArea' IS NOT NULL) k
  WHERE p.status = 'verified'`;

/** Adds the changes of the rows in `parts` (a union of contributions) to the counts. */
const applyCounts = (parts: string) => `
  INSERT INTO report_member_counts AS r (scope, kind, code, month, n)
  SELECT scope, kind, code, month, sum(n) FROM (${parts}) d
  GROUP BY scope, kind, code, month HAVING sum(n) <> 0
  ORDER BY scope, kind, code, month
  ON CONFLICT (scope, kind, code, month) DO UPDATE SET n = r.n + EXCLUDED.n`;

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

  `CREATE TABLE report_member_counts (
    scope text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('country', 'specialty', 'area')),
    code text NOT NULL,
    month date NOT NULL,
    n integer NOT NULL,
    PRIMARY KEY (scope, kind, code, month)
  )`,
  `CREATE FUNCTION mahjar_report_counts_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN ${applyCounts(contributions('new_rows', 1))}; RETURN NULL; END $fn$`,
  `CREATE FUNCTION mahjar_report_counts_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN ${applyCounts(`${contributions('new_rows', 1)} UNION ALL ${contributions('old_rows', -1)}`)}; RETURN NULL; END $fn$`,
  `CREATE FUNCTION mahjar_report_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
  BEGIN ${applyCounts(contributions('old_rows', -1))}; RETURN NULL; END $fn$`,
  `CREATE TRIGGER professionals_report_counts_insert AFTER INSERT ON professionals
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mahjar_report_counts_insert()`,
  `CREATE TRIGGER professionals_report_counts_update AFTER UPDATE ON professionals
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mahjar_report_counts_update()`,
  `CREATE TRIGGER professionals_report_counts_delete AFTER DELETE ON professionals
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mahjar_report_counts_delete()`,
  applyCounts(contributions('professionals', 1)),
  'ANALYZE report_member_counts',
];

const down_statements = [
  'DROP TRIGGER IF EXISTS professionals_report_counts_delete ON professionals',
  'DROP TRIGGER IF EXISTS professionals_report_counts_update ON professionals',
  'DROP TRIGGER IF EXISTS professionals_report_counts_insert ON professionals',
  'DROP FUNCTION IF EXISTS mahjar_report_counts_delete()',
  'DROP FUNCTION IF EXISTS mahjar_report_counts_update()',
  'DROP FUNCTION IF EXISTS mahjar_report_counts_insert()',
  'DROP TABLE IF EXISTS report_member_counts',
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
